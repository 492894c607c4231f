using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Extractor.Server.Contracts;
using Extractor.Server.Tests.Infrastructure;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Extractor.Server.Tests;

/// <summary>Upload → processed → result → correction → history → export, the way the README walks it.</summary>
public abstract class RoundTripTests(PostgresServer? pg) : StoreTests(pg)
{
    private const string Field = "applications.newReceived.natural";

    [SkippableFact]
    public async Task Upload_RoundTrip_ResultCorrectionHistoryExport()
    {
        var factory = Server(await NewStoreAsync());
        var uploader = factory.Client("uploader");
        var auditor = factory.Client("auditor");
        var analyst = factory.Client("analyst");

        var batch = await Api.UploadAsync(uploader, ("juandong-town-2023.txt", Samples.SeedReport()));
        var docId = Assert.Single(batch.Entries).DocumentId;
        var finished = await Api.WaitFinishedAsync(uploader, batch.Id);
        Assert.Equal(1, finished.Counts.Done);

        var doc = await Api.DocumentAsync(uploader, docId);
        Assert.Equal("done", doc.Status);
        Assert.Equal(2023, doc.Year);
        Assert.Contains("卷硐镇", doc.Agency);
        Assert.Equal(200, doc.Fields.Ok + doc.Fields.Review + doc.Fields.Missing);

        var result = await Api.ResultAsync(uploader, docId);
        Assert.Equal(200, result.GetProperty("fields").EnumerateObject().Count());
        var before = result.GetProperty("fields").GetProperty(Field).GetProperty("value").GetDecimal();

        using (var put = await Api.CorrectAsync(auditor, docId, Field, before + 3, "scan re-read by hand"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        var corrected = (await Api.ResultAsync(uploader, docId)).GetProperty("fields").GetProperty(Field);
        Assert.Equal(before + 3, corrected.GetProperty("value").GetDecimal());
        Assert.Equal("ok", corrected.GetProperty("status").GetString());
        Assert.Contains("corrected", corrected.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));

        var history = await auditor.GetFromJsonAsync<List<CorrectionDto>>($"/api/documents/{docId}/history", Api.Json);
        var entry = Assert.Single(history!);
        Assert.Equal(("test-auditor", before, before + 3, "scan re-read by hand"), (entry.Who, entry.OldValue!.Value, entry.NewValue!.Value, entry.Reason));

        // The correction breaks the document's own balance for that column: the checks were re-run.
        var after = await Api.DocumentAsync(uploader, docId);
        Assert.Contains(after.FailedChecks, c => c.Fields.Contains(Field));

        var csv = Encoding.UTF8.GetString(await analyst.GetByteArrayAsync("/api/export?year=2023&format=csv"));
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines[0].Split(',');
        var row = lines[1].Split(',');
        Assert.Equal(2, lines.Length);
        Assert.Equal(9 + 200, headers.Length);
        Assert.Equal((before + 3).ToString(System.Globalization.CultureInfo.InvariantCulture), row[Array.IndexOf(headers, Field)]);

        var zh = Encoding.UTF8.GetString(await analyst.GetByteArrayAsync("/api/export?year=2023&format=csv&headers=zh"));
        Assert.StartsWith("\uFEFF文档编号,文件名,机关,年度", zh);
        Assert.Contains("一、本年新收政府信息公开申请数量 自然人", zh);

        var xlsx = await analyst.GetByteArrayAsync("/api/export?year=2023&format=xlsx");
        using (var sheet = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
        {
            var rows = sheet.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
            Assert.Equal(2, rows.Count);
        }
    }

    [SkippableFact]
    public async Task Figures_OneFieldAcrossDocuments_WithSummaryAndBadPathRefused()
    {
        var factory = Server(await NewStoreAsync());
        var uploader = factory.Client("uploader");
        var analyst = factory.Client("analyst");
        var batch = await Api.UploadAsync(uploader, ("a.txt", Samples.SeedVariant("a")), ("b.txt", Samples.SeedVariant("b", 2022)));
        await Api.WaitFinishedAsync(uploader, batch.Id);

        var figures = await analyst.GetFromJsonAsync<FiguresDto>("/api/figures?field=active.licensing", Api.Json);
        Assert.Equal(2, figures!.Items.Count);
        var byYear = await analyst.GetFromJsonAsync<SummaryDto>("/api/figures/summary?field=active.licensing&groupBy=year", Api.Json);
        Assert.Equal(["2022", "2023"], byYear!.Groups.Select(g => g.Key));
        Assert.All(byYear.Groups, g => Assert.Equal(1, g.Count));
        var oneYear = await analyst.GetFromJsonAsync<FiguresDto>("/api/figures?field=active.licensing&year=2022", Api.Json);
        Assert.Equal(2022, Assert.Single(oneYear!.Items).Year);

        using var bad = await analyst.GetAsync("/api/figures?field=applications.nonsense.total");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("applications.nonsense.total", await bad.Content.ReadAsStringAsync());
        using var badSummary = await analyst.GetAsync("/api/figures/summary?field=x&groupBy=agency");
        Assert.Equal(HttpStatusCode.BadRequest, badSummary.StatusCode);
    }

    [SkippableFact]
    public async Task Correction_IsKept_WhenDocumentIsExtractedAgain()
    {
        var factory = Server(await NewStoreAsync());
        var admin = factory.Client("admin");
        var batch = await Api.UploadAsync(admin, ("r.txt", Samples.SeedReport()));
        var id = batch.Entries[0].DocumentId;
        await Api.WaitFinishedAsync(admin, batch.Id);
        using (var put = await Api.CorrectAsync(admin, id, "active.licensing", 7, "figure printed in the prose"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        using (var again = await admin.PostAsync($"/api/documents/{id}/extract", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }
        var doc = await Poll.UntilAsync(() => Api.DocumentAsync(admin, id), d => d.Status == "done" && d.Attempts == 2, what: "re-extraction");
        Assert.Equal(1, doc.Corrections);
        var field = (await Api.ResultAsync(admin, id)).GetProperty("fields").GetProperty("active.licensing");
        Assert.Equal(7m, field.GetProperty("value").GetDecimal());
        Assert.Contains("corrected", field.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
    }

    [SkippableFact]
    public async Task Documents_FromAnOlderExtractor_AreExtractedAgainKeepingCorrections()
    {
        var factory = Server(await NewStoreAsync());
        var admin = factory.Client("admin");
        var batch = await Api.UploadAsync(admin, ("old.txt", Samples.SeedVariant("old")), ("new.txt", Samples.SeedVariant("new")));
        await Api.WaitFinishedAsync(admin, batch.Id);
        var (oldId, newId) = (batch.Entries[0].DocumentId, batch.Entries[1].DocumentId);
        using (await Api.CorrectAsync(admin, oldId, "active.punishment", 4, "printed 4")) { }
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Storage.ExtractorDbContext>();
            var doc = await db.Documents.SingleAsync(d => d.Id == oldId);
            doc.ExtractorVersion = "0.0.1"; // as if extracted by an older release
            await db.SaveChangesAsync();
        }
        using var response = await admin.PostAsync("/api/documents/extract-outdated", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("\"enqueued\":1", await response.Content.ReadAsStringAsync());
        var doc2 = await Poll.UntilAsync(() => Api.DocumentAsync(admin, oldId), d => d.Attempts == 2 && d.Status == "done", what: "re-extraction");
        Assert.NotEqual("0.0.1", doc2.ExtractorVersion);
        Assert.Equal(4m, (await Api.ResultAsync(admin, oldId)).GetProperty("fields").GetProperty("active.punishment").GetProperty("value").GetDecimal());
        Assert.Equal(1, (await Api.DocumentAsync(admin, newId)).Attempts);
    }

    [SkippableFact]
    public async Task Review_Queue_ListsFieldsWorstFirst_AndCorrectionValidatesInput()
    {
        var factory = Server(await NewStoreAsync());
        var auditor = factory.Client("auditor");
        var batch = await Api.UploadAsync(factory.Client("uploader"), ("r.txt", Samples.SeedReport()));
        var id = batch.Entries[0].DocumentId;
        await Api.WaitFinishedAsync(auditor, batch.Id);
        // Make one field fail its balance so the queue has something: the correction itself is ok, its partners go to review.
        using (await Api.CorrectAsync(auditor, id, "applications.newReceived.total", 99, "test")) { }
        var queue = await auditor.GetFromJsonAsync<PageDto<ReviewItemDto>>("/api/review?status=review&check=failed", Api.Json);
        Assert.NotEmpty(queue!.Items);
        Assert.All(queue.Items, i => Assert.NotEmpty(i.FailedChecks));
        Assert.Equal(queue.Items.Select(i => i.Confidence).Order(), queue.Items.Select(i => i.Confidence));
        var limited = await auditor.GetFromJsonAsync<PageDto<ReviewItemDto>>("/api/review?maxConfidence=0.5&pageSize=5", Api.Json);
        Assert.All(limited!.Items, i => Assert.True(i.Confidence <= 0.5));

        using var badPath = await Api.CorrectAsync(auditor, id, "applications.bogus.total", 1, "x");
        Assert.Equal(HttpStatusCode.BadRequest, badPath.StatusCode);
        using var noReason = await Api.CorrectAsync(auditor, id, "active.licensing", 1, " ");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using var noDoc = await Api.CorrectAsync(auditor, Guid.NewGuid(), "active.licensing", 1, "x");
        Assert.Equal(HttpStatusCode.NotFound, noDoc.StatusCode);
    }
}

public sealed class RoundTripSqliteTests() : RoundTripTests(null);

[Collection(PostgresCollection.Name)]
public sealed class RoundTripPostgresTests(PostgresServer pg) : RoundTripTests(pg);
