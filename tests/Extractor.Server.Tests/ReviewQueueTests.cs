using System.Net;
using System.Net.Http.Json;
using Extractor.Server.Contracts;
using Extractor.Server.Review;
using Extractor.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Extractor.Server.Tests;

/// <summary>The review queue: worst first, and each of its filters, over HTTP and through the service the pages call.</summary>
public abstract class ReviewQueueTests(PostgresServer? pg) : StoreTests(pg)
{
    [SkippableFact]
    public async Task ReviewQueue_Filters_DocumentBatchAgencyYearFlagCheckConfidence()
    {
        var factory = Server(await NewStoreAsync());
        var (pdfId, pdfBatch) = await EvidenceReviewTests.UploadToAsync(factory, "broken-balance.pdf", EvidenceReviewTests.BrokenBalancePdf());
        var (txtId, txtBatch) = await EvidenceReviewTests.UploadToAsync(factory, "broken-review-total.txt", EvidenceReviewTests.Testdata("text/broken-review-total.txt"));
        var auditor = factory.Client("auditor");
        async Task<PageDto<ReviewItemDto>> Q(string query) => (await auditor.GetFromJsonAsync<PageDto<ReviewItemDto>>("/api/review?" + query, Api.Json))!;

        var all = await Q("pageSize=500");
        Assert.Contains(all.Items, i => i.DocumentId == pdfId);
        Assert.Contains(all.Items, i => i.DocumentId == txtId);
        // Worst first: fields in failed checks before the rest, then by confidence.
        Assert.Equal(all.Items.OrderByDescending(i => i.FailedChecks.Count > 0).ThenBy(i => i.Confidence).Select(i => (i.DocumentId, i.Path)), all.Items.Select(i => (i.DocumentId, i.Path)));
        Assert.All(all.Items, i => Assert.Equal($"/api/documents/{i.DocumentId}/fields/{i.Path}/evidence", i.EvidenceUrl));

        var byDoc = await Q($"document={pdfId}");
        Assert.Equal(8, byDoc.Total);
        Assert.All(byDoc.Items, i => Assert.Equal(pdfId, i.DocumentId));
        Assert.All((await Q($"batch={txtBatch}")).Items, i => Assert.Equal(txtId, i.DocumentId));
        Assert.Equal(8, (await Q($"batch={pdfBatch}")).Total);
        Assert.All((await Q("agency=北辰县")).Items, i => Assert.Equal(pdfId, i.DocumentId));
        Assert.Equal(8, (await Q("agency=北辰县")).Total);
        Assert.All((await Q("year=2023")).Items, i => Assert.Equal(txtId, i.DocumentId));
        Assert.Equal(0, (await Q("year=2019")).Total);

        var check = await Q("check=applications.balance.total");
        Assert.Equal(4, check.Total);
        Assert.All(check.Items, i => Assert.Contains("applications.balance.total", i.FailedChecks));
        var failed = await Q("check=failed");
        Assert.All(failed.Items, i => Assert.NotEmpty(i.FailedChecks));
        var flagged = await Q("flag=label_rule");
        Assert.NotEmpty(flagged.Items);
        Assert.All(flagged.Items, i => Assert.Contains("label_rule", i.Flags));
        Assert.Equal(0, (await Q("flag=label")).Total); // a flag is matched whole, not as a substring
        var max = all.Items.Min(i => i.Confidence);
        Assert.All((await Q($"maxConfidence={max.ToString(System.Globalization.CultureInfo.InvariantCulture)}")).Items, i => Assert.True(i.Confidence <= max));

        var paged = await Q($"document={pdfId}&pageSize=3&page=3");
        Assert.Equal((8, 2), (paged.Total, paged.Items.Count));

        // The same through the service the pages call.
        using var scope = factory.Services.CreateScope();
        var review = scope.ServiceProvider.GetRequiredService<ReviewService>();
        var inProcess = await review.QueueAsync(new ReviewQueueQuery(DocumentId: pdfId, Check: "applications.balance.natural"));
        Assert.Equal(4, inProcess.Total);

        // The queue is the auditors': an analyst is refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.Client("analyst").GetAsync("/api/review")).StatusCode);
    }
}

public sealed class ReviewQueueSqliteTests() : ReviewQueueTests(null);

[Collection(PostgresCollection.Name)]
public sealed class ReviewQueuePostgresTests(PostgresServer pg) : ReviewQueueTests(pg);
