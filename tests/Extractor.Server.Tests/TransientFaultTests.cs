using Extractor.Server.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Tests;

public sealed class TransientFaultTests
{
    [Fact]
    public void IsTransient_BusyDatabaseAndIo_AreRetried_ButNotBugs()
    {
        Assert.True(TransientFaults.IsTransient(new SqliteException("database is locked", 5)));
        Assert.True(TransientFaults.IsTransient(new DbUpdateException("save", new SqliteException("busy", 5))));
        Assert.True(TransientFaults.IsTransient(new IOException("disk")));
        Assert.True(TransientFaults.IsTransient(new TimeoutException()));
        Assert.False(TransientFaults.IsTransient(new SqliteException("constraint", 19)));
        Assert.False(TransientFaults.IsTransient(new NullReferenceException()));
    }

    [Fact]
    public async Task Pipeline_RetriesATransientFault_UntilItPasses()
    {
        var calls = 0;
        var value = await TransientFaults.CreatePipeline().ExecuteAsync(_ =>
        {
            if (++calls < 3)
            {
                throw new SqliteException("database is locked", 5);
            }
            return ValueTask.FromResult(42);
        });
        Assert.Equal((42, 3), (value, calls));
    }
}
