using System.Net;
using Extractor.BadInput;
using Extractor.Server.Isolation;
using Extractor.Server.Tests.Infrastructure;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Extractor.Server.Tests;

/// <summary>
/// Bad input never takes the service down: documents that crash the parsing libraries fail as documents in a
/// worker process, are counted and never requeued, and the server keeps serving (issue 17).
/// </summary>
public abstract class BadInputServerTests(PostgresServer? pg) : StoreTests(pg)
{
    /// <summary>
    /// Files on which PdfPig and the Open XML SDK overflow their stacks, quickly (measured unguarded: the page tree in
    /// about 2 s, 12,000 nested content controls in about 12 s; 20,000 nested tables spend over a minute in work that
    /// grows with the square of the depth before they overflow, so they meet the deadline first and are left to the
    /// guarded test).
    /// </summary>
    private static (string Name, byte[] Content)[] Crashers() =>
    [
        ("page-tree-100000.pdf", BadInputs.PdfDeepPageTree()),
        ("nested-content-controls-12000.docx", BadInputs.DocxNestedContentControls(12_000)),
    ];

    /// <summary>
    /// With the guards switched off in the workers, the libraries really overflow their stacks on these files: each
    /// kills its worker twice, ends failed ("stopped on this file"), and the server, its other documents and its
    /// API go on.
    /// </summary>
    [SkippableFact]
    public async Task LibraryCrash_KillsOnlyItsWorker_DocumentFailsAfterTwoDeaths_ServerKeepsServing()
    {
        var store = await NewStoreAsync();
        var server = Server(store);
        server.Settings["Extractor:Upload:MaxFileBytes"] = (32 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        server.Settings["Extractor:Upload:MaxRequestBytes"] = (64 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        server.Settings["Extractor:Isolation:WorkerEnvironment:EXTRACTOR_UNGUARDED"] = "1";
        server.Settings["Extractor:Isolation:BaseSeconds"] = "600"; // a slow machine must not turn a crash into a timeout
        var client = server.Client("admin");
        var files = Crashers().Append(("seed.txt", Samples.SeedVariant("after-crashes"))).ToArray();
        var batch = await Api.UploadAsync(client, files);

        var done = await Api.WaitFinishedAsync(client, batch.Id, TimeSpan.FromMinutes(10));

        Assert.Equal(2, done.Counts.Failed);
        Assert.Equal(1, done.Counts.Done);
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ExtractorDbContext>();
        var failed = await db.Documents.Where(d => d.Status == DocumentStatus.Failed).ToListAsync();
        Assert.All(failed, d =>
        {
            Assert.Equal(2, d.ExtractorDeaths);
            Assert.Contains($"文件“{d.FileName}”", d.Error);
            Assert.Contains("两次中止运行", d.Error);
        });
        Assert.True(server.Services.GetRequiredService<ExtractorPool>().Started >= 4); // a fresh worker after each of the four deaths
        // The server still serves.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var again = await Api.UploadAsync(client, ("seed2.txt", Samples.SeedVariant("still-serving")));
        Assert.Equal(1, (await Api.WaitFinishedAsync(client, again.Id)).Counts.Done);
    }

    /// <summary>The shipped guards: the same files fail at once as "too complex", naming the file, with no worker death.</summary>
    [SkippableFact]
    public async Task CrashingFiles_FailAsDocuments_TooComplex_WithoutADeath()
    {
        var store = await NewStoreAsync();
        var server = Server(store);
        server.Settings["Extractor:Upload:MaxFileBytes"] = (32 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        server.Settings["Extractor:Upload:MaxRequestBytes"] = (64 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var client = server.Client("admin");
        var files = Crashers()
            .Append(("nested-tables-20000.docx", BadInputs.DocxNestedTables()))
            .Append(("nested-content-controls-50000.docx", BadInputs.DocxNestedContentControls()))
            .Append(("reference-chain-5000.pdf", BadInputs.PdfReferenceChain()))
            .Append(("deep-100000.html", BadInputs.HtmlDeep()))
            .Append(("bomb.docx", BadInputs.DocxBomb()))
            .ToArray();
        var batch = await Api.UploadAsync(client, files);

        var done = await Api.WaitFinishedAsync(client, batch.Id, TimeSpan.FromMinutes(3));

        Assert.Equal(files.Length, done.Counts.Failed);
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ExtractorDbContext>();
        var docs = await db.Documents.ToListAsync();
        Assert.All(docs, d =>
        {
            Assert.Equal(0, d.ExtractorDeaths);
            Assert.StartsWith($"文件“{d.FileName}”", d.Error);
            Assert.True(d.Error!.Contains("过于复杂", StringComparison.Ordinal) || d.Error.Contains("过大", StringComparison.Ordinal), d.Error);
            Assert.DoesNotContain("Exception", d.Error, StringComparison.Ordinal);
        });
    }

    /// <summary>The death count is kept in the store: a document that already killed two workers is failed on its next claim (after a restart) without being tried again.</summary>
    [SkippableFact]
    public async Task DeathCount_SurvivesRestart_DocumentAtTheLimitIsNotTriedAgain()
    {
        var store = await NewStoreAsync();
        var api = Server(store, Hosting.ServerRole.Api);
        var client = api.Client("admin");
        var batch = await Api.UploadAsync(client, ("seed.txt", Samples.SeedVariant("two-deaths")));
        var id = batch.Entries[0].DocumentId;
        using (var scope = api.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ExtractorDbContext>();
            var doc = await db.Documents.SingleAsync(d => d.Id == id);
            doc.ExtractorDeaths = 2; // as left by a server that died after counting the second death
            await db.SaveChangesAsync();
        }

        var worker = Server(store, Hosting.ServerRole.Worker);
        _ = worker.Services;
        var done = await Api.WaitFinishedAsync(client, batch.Id);

        Assert.Equal(1, done.Counts.Failed);
        var d = await Api.DocumentAsync(client, id);
        Assert.Contains("两次中止运行", d.Error);
        Assert.Equal(0, worker.Services.GetRequiredService<ExtractorPool>().Started);
    }

    /// <summary>A zip entry whose data does not inflate is the upload's fault: 400 naming the entry, not 500.</summary>
    [SkippableFact]
    public async Task Upload_ZipEntryThatDoesNotInflate_Is400NamingTheEntry()
    {
        var client = Server(await NewStoreAsync()).Client("uploader");
        var zip = Samples.Zip(("报告.txt", Samples.SeedVariant("damaged-entry")));
        // Damage the deflate data of the one entry (it starts after the 30-byte local header, its name and extra field).
        var dataStart = 30 + BitConverter.ToUInt16(zip, 26) + BitConverter.ToUInt16(zip, 28);
        for (var k = dataStart + 10; k < dataStart + 60; k++)
        {
            zip[k] ^= 0x5A;
        }
        using var response = await client.PostAsync("/api/batches", Samples.Form(("damaged.zip", zip)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = Api.ErrorOf(await response.Content.ReadAsStringAsync());
        Assert.Contains("damaged.zip", error);
        Assert.Contains("报告.txt", error);
        Assert.Contains("已损坏", error);
    }

    /// <summary>An empty zip, one of folders only, one of __MACOSX metadata only: refused with a message, never a batch of 0.</summary>
    [SkippableFact]
    public async Task Upload_ZipWithNoDocuments_IsRefusedWithAMessage()
    {
        var client = Server(await NewStoreAsync()).Client("uploader");
        var empty = Samples.Zip();
        var folders = Samples.Zip(("年报/", []), ("年报/2023/", []));
        var mac = Samples.Zip(("__MACOSX/._report.txt", [0, 5, 22, 7]), (".DS_Store", [0, 0, 0, 1]));
        foreach (var (name, zip, words) in new[] { ("empty.zip", empty, "空的"), ("folders.zip", folders, "没有可读取的文件"), ("mac.zip", mac, "__MACOSX") })
        {
            using var response = await client.PostAsync("/api/batches", Samples.Form((name, zip)));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = Api.ErrorOf(await response.Content.ReadAsStringAsync());
            Assert.Contains(name, error);
            Assert.Contains(words, error);
        }
        using var list = await client.GetAsync("/api/documents");
        Assert.Contains("\"total\":0", await list.Content.ReadAsStringAsync());
    }

}

public sealed class BadInputServerSqliteTests() : BadInputServerTests(null);

[Collection(PostgresCollection.Name)]
public sealed class BadInputServerPostgresTests(PostgresServer pg) : BadInputServerTests(pg);
