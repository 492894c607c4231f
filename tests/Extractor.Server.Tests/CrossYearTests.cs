using System.Net;
using System.Net.Http.Json;
using System.Text;
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

    [SkippableFact]
    public async Task CrossYear_FollowsTheRegistrysAliases_AcrossNamesThatDiffer()
    {
        var factory = Server(await NewStoreAsync());
        var admin = factory.Client("admin");
        var renamed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Samples.SeedVariant("x")).Replace("卷硐镇", "卷硐镇人民政府", StringComparison.Ordinal));
        var batch = await Api.UploadAsync(admin, ("2023.txt", renamed), ("2022.txt", Samples.SeedVariant("y", 2022)));
        await Api.WaitFinishedAsync(admin, batch.Id);
        var thisYear = batch.Entries[0].DocumentId;
        Assert.Equal("卷硐镇人民政府", (await Api.DocumentAsync(admin, thisYear)).Agency);

        async Task<int> CrossYearChecks() => (await Api.ResultAsync(admin, thisYear)).GetProperty("checks").EnumerateArray()
            .Count(c => c.GetProperty("id").GetString()!.StartsWith("crossYear.carriedOver.", StringComparison.Ordinal) && c.GetProperty("passed").GetBoolean());

        // Two names, no registry: two agencies, nothing to compare.
        Assert.Equal(0, await CrossYearChecks());

        // The registry says 卷硐镇 is 卷硐镇人民政府: now last year's report is found, and all seven columns agree.
        var csv = "名称,别名,省,市,县,乡镇,级别\r\n卷硐镇人民政府,卷硐镇,四川省,达州市,渠县,卷硐镇,乡镇级\r\n";
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "registry.csv" } };
        using (var import = await admin.PostAsync("/api/agencies/import", form))
        {
            Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        }
        Assert.Equal(7, await CrossYearChecks());
    }
}

public sealed class CrossYearSqliteTests() : CrossYearTests(null);

[Collection(PostgresCollection.Name)]
public sealed class CrossYearPostgresTests(PostgresServer pg) : CrossYearTests(pg);
