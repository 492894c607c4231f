using System.Net;
using Extractor.Server.Tests.Infrastructure;

namespace Extractor.Server.Tests;

/// <summary>This year's 上年结转 against last year's 结转下年度 of the same agency, shown on both reports.</summary>
public abstract class CrossYearTests(PostgresServer? pg) : StoreTests(pg)
{
    [SkippableFact]
    public async Task CrossYear_CarriedOver_IsCheckedOnBothDocuments()
    {
        var factory = Server(await NewStoreAsync());
        var admin = factory.Client("admin");
        var batch = await Api.UploadAsync(admin, ("2023.txt", Samples.SeedVariant("x")), ("2022.txt", Samples.SeedVariant("y", 2022)));
        await Api.WaitFinishedAsync(admin, batch.Id);
        var (thisYear, lastYear) = (batch.Entries[0].DocumentId, batch.Entries[1].DocumentId);

        var checks = (await Api.ResultAsync(admin, thisYear)).GetProperty("checks").EnumerateArray()
            .Where(c => c.GetProperty("id").GetString()!.StartsWith("crossYear.carriedOver.", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, checks.Count);
        Assert.All(checks, c => Assert.True(c.GetProperty("passed").GetBoolean()));

        using (var put = await Api.CorrectAsync(admin, lastYear, "applications.carriedForward.natural", 5, "printed 5 in the 2022 table"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        var later = await Api.DocumentAsync(admin, thisYear);
        var failed = Assert.Single(later.FailedChecks, c => c.Id == "crossYear.carriedOver.natural");
        Assert.Equal(["applications.carriedOver.natural"], failed.Fields);
        var earlier = await Api.DocumentAsync(admin, lastYear);
        var mirrored = Assert.Single(earlier.FailedChecks, c => c.Id == "crossYear.carriedOver.natural");
        Assert.Equal(["applications.carriedForward.natural"], mirrored.Fields);
    }
}

public sealed class CrossYearSqliteTests() : CrossYearTests(null);

[Collection(PostgresCollection.Name)]
public sealed class CrossYearPostgresTests(PostgresServer pg) : CrossYearTests(pg);
