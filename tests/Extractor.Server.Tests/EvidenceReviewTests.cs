using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Extractor.Server.Contracts;
using Extractor.Server.Evidence;
using Extractor.Server.Review;
using Extractor.Server.Tests.Infrastructure;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Extractor.Server.Tests;

/// <summary>
/// Issue 12, the server side: evidence of a figure (page image with its box, source text with the figure marked) and the
/// review actions (confirm, correct, acknowledge, sign-off) with their audit trail, over real HTTP, a real store and
/// the real Hangfire worker.
/// </summary>
public abstract class EvidenceReviewTests(PostgresServer? pg) : StoreTests(pg)
{
    /// <summary>A ruled LibreOffice PDF whose 自然人 and 总计 columns do not balance (testdata/README.md): 8 fields under review, 2 failed checks.</summary>
    internal static byte[] BrokenBalancePdf() => File.ReadAllBytes(Path.Combine(Samples.RepoRoot, "testdata", "pdf", "lo-type1-broken-balance.pdf"));

    internal static byte[] Testdata(string relative) => File.ReadAllBytes(Path.Combine(Samples.RepoRoot, "testdata", relative));

    private const string Total = "applications.newReceived.total";

    private async Task<(ServerFactory Factory, Guid Id, Guid Batch)> UploadOneAsync(string name, byte[] content)
    {
        var factory = Server(await NewStoreAsync());
        var (id, batch) = await UploadToAsync(factory, name, content);
        return (factory, id, batch);
    }

    internal static async Task<(Guid Id, Guid Batch)> UploadToAsync(ServerFactory factory, string name, byte[] content)
    {
        var uploader = factory.Client("uploader");
        var batch = await Api.UploadAsync(uploader, (name, content));
        var finished = await Api.WaitFinishedAsync(uploader, batch.Id);
        Assert.Equal(1, finished.Counts.Done);
        return (batch.Entries[0].DocumentId, batch.Id);
    }

    private static async Task<FieldEvidenceDto> EvidenceAsync(HttpClient client, Guid id, string path, string query = "")
    {
        using var response = await client.GetAsync($"/api/documents/{id}/fields/{path}/evidence{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"evidence answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<FieldEvidenceDto>(body, Api.Json)!;
    }

    [SkippableFact]
    public async Task PdfEvidence_PageImageBoxLiesOnTheCell()
    {
        Skip.If(!PageImages.IsAvailable, "pdftoppm (poppler-utils) is not installed");
        var (factory, id, _) = await UploadOneAsync("broken-balance.pdf", BrokenBalancePdf());
        var analyst = factory.Client("analyst");

        var ev = await EvidenceAsync(analyst, id, Total);
        Assert.Equal(("page", "pdf", 191m, "review"), (ev.Kind, ev.Format, ev.Value!.Value, ev.Status));
        Assert.Equal("191", ev.CellText);
        Assert.Contains(ev.Checks, c => c.Id == "applications.balance.total" && !c.Passed && !c.Acknowledged);
        Assert.Contains(ev.Checks, c => c.Id == "prose.newReceived" && c.Passed);
        var page = ev.Page!;
        Assert.Equal(("pt", "bottom-left", 100), (page.BoxUnits, page.BoxOrigin, page.Dpi));

        // The box is the result JSON's bbox, and the pixel box is that bbox scaled by dpi/72 with y from the top.
        var result = await Api.ResultAsync(analyst, id);
        var evidenceJson = result.GetProperty("fields").GetProperty(Total).GetProperty("evidence");
        var bbox = evidenceJson.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(evidenceJson.GetProperty("page").GetInt32(), page.Page);
        Assert.Equal(bbox, page.Box);
        var k = 100 / 72.0;
        int[] expected = [(int)(bbox[0] * k), (int)((page.PageHeight - bbox[3]) * k), (int)(bbox[2] * k), (int)((page.PageHeight - bbox[1]) * k)];
        for (var i = 0; i < 4; i++)
        {
            Assert.InRange(page.PixelBox[i], expected[i] - 1, expected[i] + 1);
        }

        var plain = PngPixels.Read(await analyst.GetByteArrayAsync($"/api/documents/{id}/pages/{page.Page}.png"));
        var boxed = PngPixels.Read(await analyst.GetByteArrayAsync(page.ImageUrl));
        Assert.Equal((page.ImageWidth, page.ImageHeight), (plain.Width, plain.Height));
        Assert.Equal((plain.Width, plain.Height), (boxed.Width, boxed.Height));
        var (x0, y0, x1, y1) = (page.PixelBox[0], page.PixelBox[1], page.PixelBox[2], page.PixelBox[3]);
        var (mx, my) = ((x0 + x1) / 2, (y0 + y1) / 2);

        // The cell's own ruling lines run along the box's four edges (a ruled table): the box lies on the cell.
        Assert.True(plain.HasVerticalRule(x0, y0, y1), $"no rule near the left edge x={x0}");
        Assert.True(plain.HasVerticalRule(x1, y0, y1), $"no rule near the right edge x={x1}");
        Assert.True(plain.HasHorizontalRule(y0, x0, x1), $"no rule near the top edge y={y0}");
        Assert.True(plain.HasHorizontalRule(y1, x0, x1), $"no rule near the bottom edge y={y1}");
        // The figure's ink is inside it.
        Assert.Contains(Enumerable.Range(x0 + 4, x1 - x0 - 8).SelectMany(x => Enumerable.Range(y0 + 4, y1 - y0 - 8).Select(y => (x, y))), p => plain.IsDark(p.x, p.y));

        // The drawn box: red just outside each edge, where the plain page has no red at all.
        foreach (var (x, y) in new[] { (x0 - 1, my), (x1, my), (mx, y0 - 1), (mx, y1), (x0 - 3, y0 - 3), (x1 + 2, y1 + 2) })
        {
            Assert.True(boxed.IsRed(x, y), $"no red box at ({x}, {y})");
            Assert.False(plain.IsRed(x, y));
        }
        Assert.False(boxed.IsRed(mx, my));

        // The zoomed crop has the box too; at 200 dpi the cell is twice as wide in pixels.
        var crop = PngPixels.Read(await analyst.GetByteArrayAsync(page.CropUrl));
        var redColumns = Enumerable.Range(0, crop.Width).Where(x => crop.IsRed(x, crop.Height / 2)).ToList();
        Assert.True(redColumns.Count >= 6, "the crop shows the box's left and right edges");
        Assert.InRange(redColumns[^1] - redColumns[0], (2 * (x1 - x0)) - 4, (2 * (x1 - x0)) + 10);

        // A page the document does not have, and a field on another page, are refused clearly.
        using var noPage = await analyst.GetAsync($"/api/documents/{id}/pages/99.png");
        Assert.Equal(HttpStatusCode.NotFound, noPage.StatusCode);
        Assert.Contains("没有第 99 页", await noPage.Content.ReadAsStringAsync());
        using var wrongPage = await analyst.GetAsync($"/api/documents/{id}/pages/1.png?field={Total}");
        Assert.Equal(HttpStatusCode.NotFound, wrongPage.StatusCode);
    }

    [SkippableFact]
    public async Task PageImage_WithoutPdftoppm_AClearError_EvidenceStillServed()
    {
        var (factory, id, _) = await UploadOneAsync("broken-balance.pdf", BrokenBalancePdf());
        var analyst = factory.Client("analyst");
        var path = Environment.GetEnvironmentVariable("PATH");
        var empty = Directory.CreateTempSubdirectory("extractor-nopath-").FullName;
        try
        {
            // Tests run one at a time (AssemblyInfo): no other test looks for programs meanwhile.
            Environment.SetEnvironmentVariable("PATH", empty);
            Assert.False(PageImages.IsAvailable);
            var ev = await EvidenceAsync(analyst, id, Total);
            Assert.Equal("page", ev.Kind);
            using var image = await analyst.GetAsync(ev.Page!.ImageUrl);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, image.StatusCode);
            Assert.Contains("pdftoppm", (await image.Content.ReadFromJsonAsync<ErrorDto>(Api.Json))!.Error);
            using var crop = await analyst.GetAsync(ev.Page.CropUrl);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, crop.StatusCode);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
            Directory.Delete(empty);
        }
    }

    [SkippableFact]
    public async Task TextEvidence_MarksTheFigure_InTheTextAndInTheTable()
    {
        var factory = Server(await NewStoreAsync());
        var seed = Samples.SeedReport();
        var (textId, _) = await UploadToAsync(factory, "seed.txt", seed);
        var (htmlId, _) = await UploadToAsync(factory, "clean.html", Testdata("html/clean-template.html"));
        var analyst = factory.Client("analyst");

        // Text: the figure at its offset in the decoded file, and the table row as the reader split it.
        var ev = await EvidenceAsync(analyst, textId, "applications.newReceived.total");
        Assert.Equal("text", ev.Kind);
        var t = ev.Text!;
        Assert.Equal("text", t.Source);
        var decoded = Encoding.UTF8.GetString(seed).TrimStart('\uFEFF');
        Assert.Equal(ev.CellText, decoded.Substring(t.Offset, t.Length));
        Assert.Equal(ev.Value, decimal.Parse(t.Figure, System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith(t.Before, decoded[..t.Offset]);
        Assert.StartsWith(t.After, decoded[(t.Offset + t.Length)..]);
        var row = t.Table!.Rows[t.Table.Row];
        Assert.Equal(t.Figure, row[t.Table.Column]);
        Assert.Contains(row, c => c.Contains("本年新收", StringComparison.Ordinal));

        // HTML: the reader's text, the figure in the row of its label, under the column it belongs to.
        var truth = JsonDocument.Parse(Testdata("html/clean-template.truth.json")).RootElement.GetProperty("fields");
        const string granted = "applications.granted.commercial";
        var h = await EvidenceAsync(analyst, htmlId, granted);
        Assert.Equal(("text", "reader"), (h.Kind, h.Text!.Source));
        Assert.Equal(truth.GetProperty(granted).GetDecimal(), decimal.Parse(h.Text.Figure, System.Globalization.CultureInfo.InvariantCulture));
        var hrow = h.Text.Table!.Rows[h.Text.Table.Row];
        Assert.Equal(h.Text.Figure, hrow[h.Text.Table.Column]);
        Assert.Contains(hrow, c => c.Contains("予以公开", StringComparison.Ordinal));
        Assert.Contains(h.Text.Table.Rows.Take(h.Text.Table.Row), r => r.Count > h.Text.Table.Column && r[h.Text.Table.Column].Contains("商业企业", StringComparison.Ordinal));
        Assert.EndsWith("\t", h.Text.Before);
        Assert.Null(h.Page);

        // Unknown path or document, and a document that failed, are told apart.
        using (var badPath = await analyst.GetAsync($"/api/documents/{textId}/fields/applications.bogus.total/evidence"))
        {
            Assert.Equal(HttpStatusCode.NotFound, badPath.StatusCode);
        }
        using (var noDoc = await analyst.GetAsync($"/api/documents/{Guid.NewGuid()}/fields/{granted}/evidence"))
        {
            Assert.Equal(HttpStatusCode.NotFound, noDoc.StatusCode);
        }
        var corrupt = await Api.UploadAsync(factory.Client("uploader"), ("corrupt.pdf", Samples.CorruptPdf()));
        Assert.Equal(1, (await Api.WaitFinishedAsync(analyst, corrupt.Id)).Counts.Failed);
        using (var failedDoc = await analyst.GetAsync($"/api/documents/{corrupt.Entries[0].DocumentId}/fields/{granted}/evidence"))
        {
            Assert.Equal(HttpStatusCode.Conflict, failedDoc.StatusCode);
            Assert.Contains("提取失败", (await failedDoc.Content.ReadFromJsonAsync<ErrorDto>(Api.Json))!.Error);
        }

        // No page image for text formats; the uploaded HTML itself is never served as active content.
        using var noImage = await analyst.GetAsync($"/api/documents/{htmlId}/pages/1.png");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noImage.StatusCode);
        using var file = await analyst.GetAsync($"/api/documents/{htmlId}/file");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.NotEqual("text/html", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", file.Headers.GetValues("Content-Security-Policy").Single());
    }

    [SkippableFact]
    public async Task Review_ConfirmAcknowledgeSignOff_RefusedThenAllowed_HistoryRecordsWho()
    {
        var (factory, id, _) = await UploadOneAsync("broken-balance.pdf", BrokenBalancePdf());
        var auditor = factory.Client("auditor");
        var analyst = factory.Client("analyst");
        var uploader = factory.Client("uploader");
        var docUrl = $"/api/documents/{id}";

        // Roles: an analyst reads the evidence and the sign-off state but may not act.
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"{docUrl}/signoff")).StatusCode);
        using (var r = await Api.CorrectAsync(analyst, id, Total, 193, "x")) { Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode); }
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync($"{docUrl}/fields/{Total}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsJsonAsync($"{docUrl}/checks/applications.balance.total/acknowledge", new AcknowledgeRequest("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync($"{docUrl}/signoff", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await uploader.PostAsync($"{docUrl}/signoff", null)).StatusCode);

        // Sign-off refused: 8 fields under review and 2 failed checks, listed in Chinese.
        var refused = await auditor.PostAsync($"{docUrl}/signoff", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        var blockers = problem.GetProperty("blockers").EnumerateArray().Select(b => b.GetString()!).ToList();
        Assert.Equal(3, blockers.Count);
        Assert.StartsWith("仍有 8 项待复核", blockers[0]);
        Assert.Contains(blockers, b => b.StartsWith("校验失败未说明原因：applications.balance.natural", StringComparison.Ordinal));
        Assert.Contains(blockers, b => b.StartsWith("校验失败未说明原因：applications.balance.total", StringComparison.Ordinal));
        Assert.StartsWith("不能签发", problem.GetProperty("detail").GetString());

        // Confirm every field under review, as read; a stale value is refused.
        var queue = (await auditor.GetFromJsonAsync<PageDto<ReviewItemDto>>($"/api/review?document={id}", Api.Json))!;
        Assert.Equal(8, queue.Total);
        var stale = await auditor.PostAsJsonAsync($"{docUrl}/fields/{Total}/confirm", new ConfirmRequest(190m), Api.Json);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        foreach (var item in queue.Items)
        {
            using var ok = await auditor.PostAsJsonAsync($"{docUrl}/fields/{item.Path}/confirm", new ConfirmRequest(item.Value, "与原件核对一致"), Api.Json);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            var confirmed = (await ok.Content.ReadFromJsonAsync<ConfirmedFieldDto>(Api.Json))!;
            Assert.Equal(("ok", item.Value), (confirmed.Field.Status, confirmed.Field.Value));
            Assert.Contains("confirmed", confirmed.Field.Flags);
        }
        var afterConfirm = await Api.DocumentAsync(auditor, id);
        Assert.Equal((200, 0), (afterConfirm.Fields.Ok, afterConfirm.Fields.Review));
        var ev = await EvidenceAsync(analyst, id, Total);
        Assert.Equal((true, "test-auditor"), (ev.Review.Confirmed, ev.Review.ConfirmedBy));

        // Still refused: the two failed checks are not acknowledged.
        var state = (await auditor.GetFromJsonAsync<SignOffStateDto>($"{docUrl}/signoff", Api.Json))!;
        Assert.Equal((false, 0, 2), (state.CanSignOff, state.ReviewFields.Count, state.Blockers.Count));
        Assert.Equal(HttpStatusCode.Conflict, (await auditor.PostAsync($"{docUrl}/signoff", null)).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await auditor.PostAsJsonAsync($"{docUrl}/checks/applications.balance.total/acknowledge", new AcknowledgeRequest(" "))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await auditor.PostAsJsonAsync($"{docUrl}/checks/prose.newReceived/acknowledge", new AcknowledgeRequest("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.PostAsJsonAsync($"{docUrl}/checks/no.such.check/acknowledge", new AcknowledgeRequest("x"))).StatusCode);
        foreach (var check in new[] { "applications.balance.natural", "applications.balance.total" })
        {
            using var ack = await auditor.PostAsJsonAsync($"{docUrl}/checks/{check}/acknowledge", new AcknowledgeRequest("原件如此印刷，已与报送单位核实"));
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        // Allowed now; the document shows as signed off, in its DTO and in the list filters.
        using (var signed = await auditor.PostAsJsonAsync($"{docUrl}/signoff", new SignOffRequest("复核完毕")))
        {
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        }
        var doc = await Api.DocumentAsync(uploader, id);
        Assert.Equal((true, "test-auditor"), (doc.SignedOff, doc.SignedOffBy));
        var signedList = (await uploader.GetFromJsonAsync<PageDto<DocumentSummaryDto>>("/api/documents?signedOff=true", Api.Json))!;
        Assert.Equal(id, Assert.Single(signedList.Items).Id);
        Assert.Empty((await uploader.GetFromJsonAsync<PageDto<DocumentSummaryDto>>("/api/documents?signedOff=false", Api.Json))!.Items);
        Assert.Equal(HttpStatusCode.Conflict, (await auditor.PostAsync($"{docUrl}/signoff", null)).StatusCode);

        // Editing after sign-off: a correction reopens it.
        using (var put = await Api.CorrectAsync(auditor, id, "applications.newReceived.natural", 60, "原件模糊，按报送单位更正函"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        var reopened = await Api.DocumentAsync(uploader, id);
        Assert.False(reopened.SignedOff);

        // The trail: every step, who and in order.
        var history = (await auditor.GetFromJsonAsync<List<AuditEntryDto>>($"{docUrl}/history", Api.Json))!;
        Assert.All(history, e => Assert.Equal("test-auditor", e.Who));
        var kinds = history.Select(e => e.Kind).ToList();
        Assert.Equal(8, kinds.Count(k => k == "confirm"));
        Assert.Equal(2, kinds.Count(k => k == "acknowledge"));
        Assert.Equal(["signoff", "correction", "confirmation_dropped", "signoff_reopened"], kinds.SkipWhile(k => k != "signoff"));
        var correction = history.Single(e => e.Kind == "correction");
        Assert.Equal((63m, 60m), (correction.OldValue!.Value, correction.NewValue!.Value));
        Assert.Contains(history, e => e.Kind == "acknowledge" && e.CheckId == "applications.balance.total" && e.Reason.StartsWith("原件如此印刷", StringComparison.Ordinal));
        Assert.False(history.Single(e => e.Kind == "confirm" && e.Path == "applications.newReceived.natural").Active);
    }

    [SkippableFact]
    public async Task Reextraction_KeepsAnUnchangedConfirmation_DropsAChangedOne()
    {
        var (factory, id, _) = await UploadOneAsync("broken-balance.pdf", BrokenBalancePdf());
        var auditor = factory.Client("auditor");
        var admin = factory.Client("admin");
        const string kept = Total, changed = "applications.newReceived.natural";
        foreach (var (path, value) in new[] { (kept, 191m), (changed, 63m) })
        {
            using var ok = await auditor.PostAsJsonAsync($"/api/documents/{id}/fields/{path}/confirm", new ConfirmRequest(value), Api.Json);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        // As if an older extractor had read 64 where this one reads 63 and the auditor had confirmed that 64.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ExtractorDbContext>();
            var confirmation = await db.ReviewActions.SingleAsync(a => a.DocumentId == id && a.Path == changed && a.Kind == ReviewActionKind.Confirm);
            confirmation.Value = 64m;
            await db.SaveChangesAsync();
        }
        var before = await Api.DocumentAsync(admin, id);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/documents/{id}/extract", null)).StatusCode);
        await Poll.UntilAsync(() => Api.DocumentAsync(admin, id), d => d.Status == "done" && d.ProcessedAt > before.ProcessedAt, TimeSpan.FromSeconds(90), "re-extraction done");

        var fields = (await Api.ResultAsync(auditor, id)).GetProperty("fields");
        var keptField = fields.GetProperty(kept);
        Assert.Equal(("ok", 191m), (keptField.GetProperty("status").GetString(), keptField.GetProperty("value").GetDecimal()));
        Assert.Contains("confirmed", keptField.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        var changedField = fields.GetProperty(changed);
        Assert.Equal(("review", 63m), (changedField.GetProperty("status").GetString(), changedField.GetProperty("value").GetDecimal()));
        Assert.DoesNotContain("confirmed", changedField.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));

        var history = (await auditor.GetFromJsonAsync<List<AuditEntryDto>>($"/api/documents/{id}/history", Api.Json))!;
        var dropped = Assert.Single(history, e => e.Kind == "confirmation_dropped");
        Assert.Equal((changed, "system", 63m), (dropped.Path, dropped.Who, dropped.NewValue!.Value));
        Assert.Contains("64", dropped.Reason);
        Assert.True(history.Single(e => e.Kind == "confirm" && e.Path == kept).Active);
        Assert.False(history.Single(e => e.Kind == "confirm" && e.Path == changed).Active);

        // The field is back in the queue; confirming it again (its value now) takes it out.
        var queue = (await auditor.GetFromJsonAsync<PageDto<ReviewItemDto>>($"/api/review?document={id}", Api.Json))!;
        Assert.Contains(queue.Items, i => i.Path == changed);
        Assert.DoesNotContain(queue.Items, i => i.Path == kept);
        using (var again = await auditor.PostAsJsonAsync($"/api/documents/{id}/fields/{changed}/confirm", new ConfirmRequest(63m), Api.Json))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        queue = (await auditor.GetFromJsonAsync<PageDto<ReviewItemDto>>($"/api/review?document={id}", Api.Json))!;
        Assert.DoesNotContain(queue.Items, i => i.Path == changed);
    }

    [SkippableFact]
    public async Task SignOff_KeptByAnUnchangedReextraction_ReopenedWhenAStateChanges()
    {
        var (factory, id, _) = await UploadOneAsync("seed.txt", Samples.SeedReport());
        var auditor = factory.Client("auditor");
        var admin = factory.Client("admin");
        // The seed reads all 200 figures ok with every check passing: nothing blocks its sign-off.
        var state = (await auditor.GetFromJsonAsync<SignOffStateDto>($"/api/documents/{id}/signoff", Api.Json))!;
        Assert.True(state.CanSignOff, string.Join("; ", state.Blockers));
        using (var ok = await auditor.PostAsJsonAsync($"/api/documents/{id}/fields/{Total}/confirm", new ConfirmRequest()))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await auditor.PostAsync($"/api/documents/{id}/signoff", null)).StatusCode);

        async Task ReextractAsync()
        {
            var before = await Api.DocumentAsync(admin, id);
            Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/documents/{id}/extract", null)).StatusCode);
            await Poll.UntilAsync(() => Api.DocumentAsync(admin, id), d => d.Status == "done" && d.ProcessedAt > before.ProcessedAt, TimeSpan.FromSeconds(90), "re-extraction done");
        }

        // Same figures, same states: the sign-off stands.
        await ReextractAsync();
        Assert.True((await Api.DocumentAsync(auditor, id)).SignedOff);

        // As if the confirmed value had been read differently before: the confirmation drops, the field goes to review,
        // and the sign-off is withdrawn by the system.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ExtractorDbContext>();
            var confirmation = await db.ReviewActions.SingleAsync(a => a.DocumentId == id && a.Kind == ReviewActionKind.Confirm);
            confirmation.Value = 12345m;
            await db.SaveChangesAsync();
        }
        await ReextractAsync();
        var doc = await Api.DocumentAsync(auditor, id);
        Assert.Equal((false, 1), (doc.SignedOff, doc.Fields.Review));
        var history = (await auditor.GetFromJsonAsync<List<AuditEntryDto>>($"/api/documents/{id}/history", Api.Json))!;
        Assert.Equal(["confirm", "signoff", "confirmation_dropped", "signoff_reopened"], history.Select(e => e.Kind));
        Assert.Equal(["test-auditor", "test-auditor", "system", "system"], history.Select(e => e.Who));
        Assert.False(history[1].Active);
    }
}

public sealed class EvidenceReviewSqliteTests() : EvidenceReviewTests(null);

[Collection(PostgresCollection.Name)]
public sealed class EvidenceReviewPostgresTests(PostgresServer pg) : EvidenceReviewTests(pg);
