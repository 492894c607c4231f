using System.Net;
using Extractor.Server.Tests.Infrastructure;

namespace Extractor.Server.Tests;

/// <summary>Uploads: duplicates, failures that stay contained, zips, and every limit answered with a clear message.</summary>
public abstract class UploadTests(PostgresServer? pg) : StoreTests(pg)
{
    [SkippableFact]
    public async Task Upload_SameFileAgain_IsRecognisedAndNotExtractedTwice()
    {
        var factory = Server(await NewStoreAsync());
        var client = factory.Client("uploader");
        var first = await Api.UploadAsync(client, ("r.txt", Samples.SeedReport()));
        await Api.WaitFinishedAsync(client, first.Id);

        var second = await Api.UploadAsync(client, ("copy-of-r.txt", Samples.SeedReport()), ("r-again.txt", Samples.SeedReport()));
        Assert.All(second.Entries, e => Assert.True(e.Duplicate));
        Assert.All(second.Entries, e => Assert.Equal(first.Entries[0].DocumentId, e.DocumentId));
        Assert.Equal(1, second.Documents);
        var batch = await Api.BatchAsync(client, second.Id);
        Assert.True(batch.Finished);
        var doc = await Api.DocumentAsync(client, first.Entries[0].DocumentId);
        Assert.Equal(1, doc.Attempts);
    }

    [SkippableFact]
    public async Task Batch_CorruptFile_FailsWithReason_WhileTheRestSucceeds()
    {
        var factory = Server(await NewStoreAsync());
        var client = factory.Client("uploader");
        var batch = await Api.UploadAsync(client,
            ("a.txt", Samples.SeedVariant("a")), ("broken.pdf", Samples.CorruptPdf()), ("b.txt", Samples.SeedVariant("b")));
        var done = await Api.WaitFinishedAsync(client, batch.Id);
        Assert.Equal((2, 1), (done.Counts.Done, done.Counts.Failed));
        var broken = await Api.DocumentAsync(client, batch.Entries[1].DocumentId);
        Assert.Equal("failed", broken.Status);
        Assert.False(string.IsNullOrWhiteSpace(broken.Error));

        using var failedList = await client.GetAsync("/api/documents?status=failed");
        Assert.Contains("broken.pdf", await failedList.Content.ReadAsStringAsync());
        using var original = await client.GetAsync($"/api/documents/{broken.Id}/file");
        Assert.Equal(Samples.CorruptPdf(), await original.Content.ReadAsByteArrayAsync());
    }

    [SkippableFact]
    public async Task Upload_Zip_EachEntryIsADocument()
    {
        var factory = Server(await NewStoreAsync());
        var client = factory.Client("uploader");
        var zip = Samples.Zip(("2023/a.txt", Samples.SeedVariant("za")), ("2023/b.txt", Samples.SeedVariant("zb")));
        var batch = await Api.UploadAsync(client, ("reports.zip", zip));
        Assert.Equal(["reports.zip/2023/a.txt", "reports.zip/2023/b.txt"], batch.Entries.Select(e => e.FileName));
        var done = await Api.WaitFinishedAsync(client, batch.Id);
        Assert.Equal(2, done.Counts.Done);
    }

    [SkippableFact]
    public async Task Upload_ZipWithChineseNames_InGbkOrUtf8_KeepsTheNames()
    {
        var factory = Server(await NewStoreAsync());
        var client = factory.Client("uploader");
        var gbk = Samples.Zip(Extractor.Readers.TextDecoder.Gb18030, ("卷硐镇2023年报.txt", Samples.SeedVariant("gbk")));
        var utf8 = Samples.Zip(("渠县2023年报.txt", Samples.SeedVariant("utf8")));
        var batch = await Api.UploadAsync(client, ("县.zip", gbk), ("b.zip", utf8));
        Assert.Equal(["县.zip/卷硐镇2023年报.txt", "b.zip/渠县2023年报.txt"], batch.Entries.Select(e => e.FileName));
    }

    [SkippableFact]
    public async Task Upload_ZipSlipName_IsRefusedNamingTheEntry()
    {
        var factory = Server(await NewStoreAsync());
        var client = factory.Client("uploader");
        var zip = Samples.Zip(("ok.txt", Samples.SeedVariant("ok")), ("../../etc/evil.txt", Samples.SeedVariant("evil")));
        using var response = await client.PostAsync("/api/batches", Samples.Form(("slip.zip", zip)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("slip.zip", body);
        Assert.Contains("../../etc/evil.txt", body);
        await AssertNothingStored(client);
    }

    [SkippableFact]
    public async Task Upload_ZipBomb_IsRefusedWith413()
    {
        var factory = Server(await NewStoreAsync());
        var client = factory.Client("uploader");
        using var response = await client.PostAsync("/api/batches", Samples.Form(("bomb.zip", Samples.ZipBomb())));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("bomb.zip/report.txt", body);
        Assert.Contains("压缩炸弹", Api.ErrorOf(body));
        await AssertNothingStored(client);
    }

    [SkippableFact]
    public async Task Upload_OverLimits_IsRefusedWithMessage()
    {
        var factory = Server(await NewStoreAsync());
        var client = factory.Client("uploader");
        using (var big = await client.PostAsync("/api/batches", Samples.Form(("huge.txt", new byte[5 * 1024 * 1024]))))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
            Assert.Contains("huge.txt", await big.Content.ReadAsStringAsync());
        }
        var many = Enumerable.Range(0, 31).Select(i => ($"f{i}.txt", new[] { (byte)i })).ToArray();
        using (var tooMany = await client.PostAsync("/api/batches", Samples.Form(many)))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
            Assert.Contains("超过 30 个文件", Api.ErrorOf(await tooMany.Content.ReadAsStringAsync()));
        }
        var entries = Enumerable.Range(0, 21).Select(i => ($"e{i}.txt", new[] { (byte)i })).ToArray();
        using (var manyEntries = await client.PostAsync("/api/batches", Samples.Form(("many.zip", Samples.Zip(entries)))))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, manyEntries.StatusCode);
            Assert.Contains("many.zip", await manyEntries.Content.ReadAsStringAsync());
        }
        var nearLimit = new byte[4 * 1024 * 1024 - 1024];
        var request = Enumerable.Range(0, 5).Select(i => ($"part{i}.txt", nearLimit)).ToArray();
        using (var tooBig = await client.PostAsync("/api/batches", Samples.Form(request)))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
            Assert.Contains("请求", Api.ErrorOf(await tooBig.Content.ReadAsStringAsync()));
        }
        using (var none = await client.PostAsync("/api/batches", new MultipartFormDataContent { { new StringContent("x"), "other" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        }
        await AssertNothingStored(client);
    }

    private static async Task AssertNothingStored(HttpClient client)
    {
        using var list = await client.GetAsync("/api/documents");
        Assert.Contains("\"total\":0", await list.Content.ReadAsStringAsync());
    }
}

public sealed class UploadSqliteTests() : UploadTests(null);

[Collection(PostgresCollection.Name)]
public sealed class UploadPostgresTests(PostgresServer pg) : UploadTests(pg);
