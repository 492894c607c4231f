using Extractor.BadInput;
using Extractor.Server.Tests.Infrastructure;
using Extractor.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Extractor.Server.Tests;

/// <summary>A document over its time or memory budget ends failed with the reason; its worker is replaced.</summary>
public sealed class IsolationBudgetTests : StoreTests
{
    public IsolationBudgetTests() : base(null)
    {
    }

    /// <summary>
    /// 60 MB of report text (the seed report repeated) ran for over 10 minutes at 4.2 GB in the server's own process.
    /// In a worker it ends failed, over its budget, with the reason; the server reads the next document. The budget
    /// here is scaled down by configuration (30 s + 0.5 s per MB) so the test does not take the default 10 minutes.
    /// </summary>
    [Fact]
    public async Task SixtyMegabyteText_EndsFailedOverItsBudget_WithTheReason()
    {
        var store = await NewStoreAsync();
        var server = Server(store);
        server.Settings["Extractor:Upload:MaxFileBytes"] = (80 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        server.Settings["Extractor:Upload:MaxRequestBytes"] = (100 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        server.Settings["Extractor:Isolation:BaseSeconds"] = "30";
        server.Settings["Extractor:Isolation:SecondsPerMegabyte"] = "0.5";
        var client = server.Client("admin");
        var huge = BadInputs.HugeText(Samples.SeedReport(), 60L * 1024 * 1024);
        var batch = await Api.UploadAsync(client, ("huge.txt", huge), ("seed.txt", Samples.SeedVariant("after-huge")));

        var done = await Api.WaitFinishedAsync(client, batch.Id, TimeSpan.FromMinutes(5));

        Assert.Equal(1, done.Counts.Failed);
        Assert.Equal(1, done.Counts.Done);
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ExtractorDbContext>();
        var failed = await db.Documents.SingleAsync(d => d.Status == Storage.Entities.DocumentStatus.Failed);
        Assert.Equal("huge.txt", failed.FileName);
        Assert.Equal(0, failed.ExtractorDeaths);
        Assert.StartsWith("文件“huge.txt”：", failed.Error);
        Assert.Contains("过于复杂", failed.Error);
    }
}
