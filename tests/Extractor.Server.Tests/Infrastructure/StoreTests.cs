namespace Extractor.Server.Tests.Infrastructure;

/// <summary>
/// Base of every suite that runs twice: on a SQLite file (pg null) and on the test PostgreSQL. Each test gets
/// a fresh store; the PostgreSQL variant is skipped, with the fixture's reason, where no server can be had.
/// </summary>
public abstract class StoreTests(PostgresServer? pg) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    protected bool IsPostgres => pg is not null;

    protected async Task<TestStore> NewStoreAsync()
    {
        TestStore store;
        if (pg is null)
        {
            store = TestStore.Sqlite();
        }
        else
        {
            if (pg.Unavailable is not null && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                // CI installs PostgreSQL: there a missing server is a failure, not a skip.
                throw new InvalidOperationException($"CI=true: {pg.Unavailable}");
            }
            Skip.If(pg.Unavailable is not null, pg.Unavailable);
            store = TestStore.ForPostgres(await pg.CreateDatabaseAsync());
        }
        _owned.Add(store);
        return store;
    }

    /// <summary>A server on <paramref name="store"/>, disposed (its worker stopped) before the store at the end of the test.</summary>
    protected ServerFactory Server(TestStore store, Hosting.ServerRole role = Hosting.ServerRole.Both, Jobs.JobHooks? hooks = null, int workers = 2)
    {
        var factory = new ServerFactory(store, role, hooks, workers);
        _owned.Insert(0, factory);
        return factory;
    }

    public void Dispose()
    {
        foreach (var d in _owned)
        {
            d.Dispose();
        }
        GC.SuppressFinalize(this);
    }
}
