using System.Globalization;
using System.Text.Json;
using Extractor.Server.Review;
using Extractor.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Extractor.Web.Tests;

/// <summary>
/// What a county office, an auditor and an analyst do in the browser, against the real server (Kestrel on
/// 127.0.0.1, SQLite file, Hangfire worker) and real chromium.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class BrowserTests(WebServer server, ITestOutputHelper output) : IDisposable
{
    public void Dispose()
    {
        while (server.BrowserLog.TryDequeue(out var line))
        {
            output.WriteLine(line);
        }
    }

    private const string Pdf = "lo-type1-broken-balance.pdf";
    private const string Html = "clean-template.html";

    [RequiresChromiumFact]
    public async Task SignIn_RefusesAWrongPassword_AndLocksTheAccountAfterFiveFailures()
    {
        var context = await server.NewContextAsync();
        var page = await context.NewPageAsync();
        server.Watch(page);

        // A page without a session leads to the sign-in form; the API without one answers a JSON 401 (Problem Details).
        await page.GotoAsync("/documents");
        Assert.Contains("/account/login", page.Url);
        var api = await context.APIRequest.GetAsync("/api/documents");
        Assert.Equal(401, api.Status);
        Assert.StartsWith("application/problem+json", api.Headers["content-type"]);

        await Screens.SaveAsync(page, "login");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.FillAsync("#username", "locked1");
            await page.FillAsync("#password", "wrong-password-" + attempt);
            await page.ClickAsync("[data-testid=login-submit]");
            var message = await page.InnerTextAsync("[data-testid=login-error]");
            Assert.Contains(attempt < 5 ? "用户名或密码错误" : "已锁定", message);
        }
        // Locked: even the right password is refused for 15 minutes.
        await page.FillAsync("#username", "locked1");
        await page.FillAsync("#password", WebServer.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        var locked = await page.InnerTextAsync("[data-testid=login-error]");
        Assert.Contains("已锁定", locked);
        Assert.Matches("1[45] 分钟后重试", locked);
        Assert.Contains("/account/login", page.Url);
        await context.CloseAsync();
    }

    [RequiresChromiumFact]
    public async Task SignIn_ReturnsToThePageAsked_AndSignOutEndsTheSession()
    {
        var context = await server.NewContextAsync();
        var page = await context.NewPageAsync();
        server.Watch(page);
        await page.GotoAsync("/review");
        Assert.Contains("/account/login", page.Url);
        await page.FillAsync("#username", "auditor1");
        await page.FillAsync("#password", WebServer.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForSelectorAsync("[data-testid=queue-total]");
        Assert.EndsWith("/review", page.Url);
        await page.ClickAsync("[data-testid=logout]");
        try
        {
            await page.WaitForSelectorAsync("#username");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"sign-out did not lead to the sign-in form; at {page.Url}: {await page.InnerTextAsync("body")}");
        }
        Assert.Contains("/account/login", page.Url);
        Assert.Equal(401, (await context.APIRequest.GetAsync("/api/review")).Status);
        await page.GotoAsync("/documents");
        Assert.Contains("/account/login", page.Url);
        await context.CloseAsync();
    }

    [RequiresChromiumFact]
    public async Task Upload_Review_Correct_Confirm_SignOff()
    {
        // 1. The county office uploads two reports and a corrupt file and watches the batch.
        var uploader = await server.SignedInPageAsync("admin1");
        await uploader.GotoAsync("/upload");
        await uploader.WaitForSelectorAsync("text=我的批次");
        await uploader.SetInputFilesAsync("[data-testid=upload-input]",
            [Repo.TestData("pdf/" + Pdf), Repo.TestData("html/" + Html), Repo.TestData("pdf-unit/corrupt.pdf")]);
        try
        {
            await uploader.WaitForURLAsync("**/batches/**");
        }
        catch (TimeoutException)
        {
            Assert.Fail("the upload did not lead to its batch; the page says: " + await uploader.InnerTextAsync("[data-testid=dropzone]"));
        }
        await uploader.WaitForSelectorAsync("[data-testid=batch-progress]");
        await uploader.WaitForSelectorAsync("[data-testid=batch-progress][data-finished=true]", new() { Timeout = 150_000 });
        var progress = await uploader.InnerTextAsync("[data-testid=batch-progress]");
        Assert.Contains("3 / 3", progress);
        Assert.Contains("失败 1", progress);
        var corrupt = uploader.Locator("tr[data-file='corrupt.pdf']");
        Assert.Equal("failed", await corrupt.GetAttributeAsync("data-status"));
        var reason = await corrupt.Locator("[data-testid=failure-reason]").InnerTextAsync();
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}{4}", reason);
        var pdfRow = uploader.Locator($"tr[data-file='{Pdf}']");
        Assert.Equal("done", await pdfRow.GetAttributeAsync("data-status"));
        await Screens.SaveAsync(uploader, "batch");
        // The API's batch answer carries the same reason, in Chinese beside the extractor's own words.
        var batchId = uploader.Url.Split('/').Last();
        var batchJson = JsonDocument.Parse(await (await uploader.Context.APIRequest.GetAsync($"/api/batches/{batchId}")).TextAsync()).RootElement;
        var corruptEntry = batchJson.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("fileName").GetString() == "corrupt.pdf");
        Assert.Equal(reason, corruptEntry.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrEmpty(corruptEntry.GetProperty("error").GetString()));
        var href = await pdfRow.Locator("a").First.GetAttributeAsync("href");

        // The Hangfire dashboard opens for the signed-in admin; the corrupt file's job is failed there, named by its file.
        await uploader.GotoAsync("/hangfire/jobs/failed");
        await uploader.WaitForSelectorAsync("text=提取 corrupt.pdf");
        if (Screens.Directory is not null)
        {
            // Only the list: the job's details and the footer name server paths.
            if (await uploader.Locator("text=Fewer details...").CountAsync() > 0)
            {
                await uploader.ClickAsync("text=Fewer details...");
            }
            await Screens.SaveAsync(uploader, "hangfire", new Clip { X = 0, Y = 0, Width = 1500, Height = 400 });
        }
        var documentId = Guid.Parse(href!.Split('/').Last());

        // 2. The auditor opens the PDF report and chooses a figure under review: the page image loads with the box on the cell.
        var auditor = await server.SignedInPageAsync("auditor1");
        await auditor.GotoAsync($"/documents/{documentId}");
        await auditor.WaitForSelectorAsync("table[data-table=applications]");
        // Choosing a failed check highlights its cells (the balance check of a column: 4 rows' figures).
        Assert.Equal(0, await auditor.Locator("td.fig.hl").CountAsync());
        await auditor.Locator("[data-check^='applications.balance.']").First.ClickAsync();
        await auditor.WaitForSelectorAsync("td.fig.hl");
        Assert.True(await auditor.Locator("td.fig.hl").CountAsync() >= 4);
        Assert.True(await auditor.Locator("td.fig.hl[data-state=failedCheck]").CountAsync() >= 4);
        var underReview = auditor.Locator("td.fig[data-state=failedCheck], td.fig[data-state=review]");
        Assert.True(await underReview.CountAsync() >= 2, "the broken-balance report has figures under review");
        var firstPath = await underReview.First.GetAttributeAsync("data-path");
        await underReview.First.ClickAsync();
        await auditor.WaitForSelectorAsync($"[data-testid=evidence][data-path='{firstPath}']");
        Assert.Equal("page", await auditor.GetAttributeAsync("[data-testid=evidence]", "data-kind"));
        await auditor.WaitForFunctionAsync("() => { const i = document.querySelector('[data-testid=page-image]'); return i && i.complete && i.naturalWidth > 0; }");
        await CheckBoxOnCellAsync(auditor);
        await Screens.SaveAsync(auditor, "evidence");

        // 3. Correct it with a reason; the history records who, old and new.
        var oldValue = await auditor.InnerTextAsync("[data-testid=evidence-value]");
        var newValue = oldValue == "7" ? "8" : "7";
        await auditor.ClickAsync("[data-testid=edit]");
        await auditor.FillAsync("input[data-testid=correct-value], [data-testid=correct-value] input", newValue);
        await auditor.FillAsync("input[data-testid=correct-reason], [data-testid=correct-reason] input", "与原件核对");
        await auditor.ClickAsync("[data-testid=correct-save]");
        await auditor.WaitForSelectorAsync($"[data-testid=history] tr[data-kind=correction][data-path='{firstPath}']");
        var historyRow = await auditor.InnerTextAsync($"[data-testid=history] tr[data-kind=correction][data-path='{firstPath}']");
        Assert.Contains("auditor1", historyRow);
        Assert.Contains("与原件核对", historyRow);
        Assert.Contains(newValue, historyRow);
        Assert.Equal(newValue, await auditor.InnerTextAsync("[data-testid=evidence-value]"));
        Assert.Equal(newValue, await auditor.InnerTextAsync($"td.fig[data-path='{firstPath}']"));
        // Drawn as corrected, unless the correction leaves it in a failed check (which comes first).
        Assert.Contains(await auditor.GetAttributeAsync($"td.fig[data-path='{firstPath}']", "data-state"), new[] { "corrected", "failedCheck" });
        await Screens.SaveAsync(auditor, "document");

        // 4. Confirm another figure under review.
        var other = auditor.Locator($"td.fig[data-state=review]:not([data-path='{firstPath}']), td.fig[data-state=failedCheck]:not([data-path='{firstPath}'])").First;
        var otherPath = await other.GetAttributeAsync("data-path");
        await other.ClickAsync();
        await auditor.WaitForSelectorAsync($"[data-testid=evidence][data-path='{otherPath}']");
        await auditor.ClickAsync("[data-testid=confirm]");
        await auditor.WaitForSelectorAsync($"[data-testid=history] tr[data-kind=confirm][data-path='{otherPath}']");
        Assert.Contains("auditor1", await auditor.InnerTextAsync($"[data-testid=history] tr[data-kind=confirm][data-path='{otherPath}']"));

        if (Screens.Directory is not null)
        {
            await auditor.GotoAsync($"/review?document={documentId}");
            await auditor.WaitForSelectorAsync("[data-testid=queue] tbody tr");
            await auditor.WaitForSelectorAsync("[data-testid=evidence]");
            await Screens.SaveAsync(auditor, "review");
            await auditor.GotoAsync($"/documents/{documentId}");
            await auditor.WaitForSelectorAsync("table[data-table=applications]");
        }

        // 5. Sign-off is refused while review items or unacknowledged failed checks remain, with the reason.
        await auditor.ClickAsync("[data-testid=signoff]");
        var refused = await auditor.InnerTextAsync("[data-testid=signoff-message]");
        Assert.Contains("不能签核", refused);
        Assert.DoesNotContain("已签核。", refused);

        // The rest of the review done in-process through the same service the pages use; then sign-off is allowed.
        using (var scope = server.Services.CreateScope())
        {
            var review = scope.ServiceProvider.GetRequiredService<ReviewService>();
            var queue = await review.QueueAsync(new ReviewQueueQuery(DocumentId: documentId, PageSize: 500));
            foreach (var item in queue.Items)
            {
                Assert.True((await review.ConfirmAsync(documentId, item.Path, "auditor1")).Succeeded);
            }
            var state = (await review.SignOffStateAsync(documentId))!;
            foreach (var check in state.FailedChecks.Where(c => !c.Acknowledged))
            {
                Assert.True((await review.AcknowledgeAsync(documentId, check.Id, "原报告数字即如此", "auditor1")).Succeeded);
            }
        }
        await auditor.ReloadAsync();
        await auditor.ClickAsync("[data-testid=signoff]");
        await auditor.WaitForSelectorAsync("[data-testid=signed-off-by]");
        Assert.Contains("auditor1", await auditor.InnerTextAsync("[data-testid=signed-off-by]"));
        Assert.Equal(0, await auditor.Locator("[data-testid=signoff]").CountAsync());

        // Signed off shows in the documents list too.
        await auditor.GotoAsync("/documents");
        await auditor.WaitForSelectorAsync($"tr[data-document='{documentId}'] [data-testid=signed-off]");
        await Screens.SaveAsync(auditor, "documents");
        if (Screens.Directory is not null)
        {
            await uploader.GotoAsync("/upload");
            await uploader.WaitForSelectorAsync("[data-testid=batch-list]");
            await Screens.SaveAsync(uploader, "upload");
            await uploader.GotoAsync("/admin/users");
            await uploader.WaitForSelectorAsync("[data-testid=users]");
            await Screens.SaveAsync(uploader, "admin-users");
            await uploader.GotoAsync("/account/login");
        }
        await auditor.Context.CloseAsync();
        await uploader.Context.CloseAsync();
    }

    /// <summary>The box drawn over the page image is where the cell's coordinates (PDF points, origin bottom-left) put it.</summary>
    private static async Task CheckBoxOnCellAsync(IPage page)
    {
        var box = page.Locator("[data-testid=page-box]");
        var pt = (await box.GetAttributeAsync("data-box"))!.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var pageHeight = double.Parse((await box.GetAttributeAsync("data-page-height"))!, CultureInfo.InvariantCulture);
        var dpi = double.Parse((await box.GetAttributeAsync("data-dpi"))!, CultureInfo.InvariantCulture);
        var natural = await page.EvaluateAsync<JsonElement>("() => { const i = document.querySelector('[data-testid=page-image]'); return [i.naturalWidth, i.naturalHeight]; }");
        var imageBox = (await page.Locator("[data-testid=page-image]").BoundingBoxAsync())!;
        var drawn = (await box.BoundingBoxAsync())!;
        var scale = imageBox.Width / natural[0].GetDouble();
        // Expected, in pixels of the served image: x = pt × dpi / 72; y from the top = (page height − y) × dpi / 72.
        var k = dpi / 72.0;
        double[] expected = [pt[0] * k, (pageHeight - pt[3]) * k, pt[2] * k, (pageHeight - pt[1]) * k];
        double[] seen = [(drawn.X - imageBox.X) / scale, (drawn.Y - imageBox.Y) / scale, (drawn.X + drawn.Width - imageBox.X) / scale, (drawn.Y + drawn.Height - imageBox.Y) / scale];
        for (var i = 0; i < 4; i++)
        {
            Assert.True(Math.Abs(expected[i] - seen[i]) <= 3, $"box edge {i}: expected {expected[i]:0.0} px from the cell's coordinates, drawn at {seen[i]:0.0} px");
        }
        Assert.True(expected[2] - expected[0] > 5 && expected[3] - expected[1] > 5, "the cell's box has a size");
    }

    /// <summary>An uploader (no other role) sees the documents of their own batches only, and no review or admin pages.</summary>
    [RequiresChromiumFact]
    public async Task Uploader_SeesTheirOwnUploads()
    {
        var mine = await IngestAsync("text/seed-juandong-town-2023.txt", "uploader1");
        var theirs = await IngestAsync("pdf/lo-truetype-borderless-variants.pdf", "admin1");
        var page = await server.SignedInPageAsync("uploader1");
        await page.GotoAsync("/documents");
        await page.WaitForSelectorAsync($"tr[data-document='{mine}']");
        Assert.Equal(0, await page.Locator($"tr[data-document='{theirs}']").CountAsync());
        await page.GotoAsync($"/documents/{theirs}");
        await page.WaitForSelectorAsync("text=没有这份文档，或您无权查看");
        Assert.Equal(0, await page.Locator("a[href='review']").CountAsync());
        Assert.Equal(0, await page.Locator("a[href='admin/users']").CountAsync());
        Assert.Equal(1, await page.Locator("a[href='upload']").CountAsync());
        await page.Context.CloseAsync();
    }

    /// <summary>The review queue by keyboard: J/K next and previous, Enter confirms (the item leaves the queue), E opens the correction.</summary>
    [RequiresChromiumFact]
    public async Task ReviewQueue_ByKeyboard()
    {
        var id = await IngestAsync("text/broken-review-total.txt", "admin1");
        await WaitDoneAsync(id);
        var page = await server.SignedInPageAsync("auditor1");
        await page.GotoAsync($"/review?document={id}");
        await page.WaitForSelectorAsync("[data-testid=queue] tbody tr");
        var rows = page.Locator("[data-testid=queue] tbody tr");
        var total = await rows.CountAsync();
        Assert.True(total >= 2, "the broken review total puts figures under review");
        var first = await rows.Nth(0).GetAttributeAsync("data-path");
        var second = await rows.Nth(1).GetAttributeAsync("data-path");
        await page.WaitForSelectorAsync($"[data-testid=evidence][data-path='{first}']");
        await page.Keyboard.PressAsync("j");
        await page.WaitForSelectorAsync($"[data-testid=evidence][data-path='{second}']");
        await page.Keyboard.PressAsync("k");
        await page.WaitForSelectorAsync($"[data-testid=evidence][data-path='{first}']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('[data-testid=queue] tbody tr').length === {total - 1}");
        Assert.Equal(0, await page.Locator($"[data-testid=queue] tbody tr[data-path='{first}']").CountAsync());
        await page.WaitForSelectorAsync($"[data-testid=evidence][data-path='{second}']");
        await page.Keyboard.PressAsync("e");
        await page.WaitForSelectorAsync("[data-testid=correct-save]");
        using (var scope = server.Services.CreateScope())
        {
            var history = await scope.ServiceProvider.GetRequiredService<ReviewService>().HistoryAsync(id);
            Assert.Contains(history!, e => e.Kind == "confirm" && e.Path == first && e.Who == "auditor1");
        }
        await page.Context.CloseAsync();
    }

    private async Task WaitDoneAsync(Guid documentId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            using var scope = server.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ExtractorDbContext>();
            var status = await db.Documents.Where(d => d.Id == documentId).Select(d => d.Status).SingleAsync();
            if (status is "done" or "failed")
            {
                Assert.Equal("done", status);
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "the document was not extracted in time");
            await Task.Delay(200);
        }
    }

    private async Task<Guid> IngestAsync(string testdata, string who)
    {
        using var scope = server.Services.CreateScope();
        var ingest = scope.ServiceProvider.GetRequiredService<Extractor.Server.Uploads.BatchIngest>();
        var bytes = await File.ReadAllBytesAsync(Repo.TestData(testdata));
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var name = Path.GetFileName(testdata);
        var batch = await ingest.IngestAsync([new Extractor.Server.Uploads.UploadedFile(name, name, bytes, sha)], who, CancellationToken.None);
        return batch.Entries[0].DocumentId;
    }

    /// <summary>A live page left alone for the idle time leaves for the sign-in page, saying why (the browser's clock is fast-forwarded).</summary>
    [RequiresChromiumFact]
    public async Task LivePage_LeftIdle_SignsOut()
    {
        var context = await server.NewContextAsync();
        var page = await context.NewPageAsync();
        server.Watch(page);
        await page.Clock.InstallAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", "analyst1");
        await page.FillAsync("#password", WebServer.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForSelectorAsync("[data-testid=documents]");
        Assert.Equal("30", await page.GetAttributeAsync("[data-session-idle-minutes]", "data-session-idle-minutes"));
        // Jumps of 5 minutes (each fires the page's due timers): nothing happens before the idle time, then the page leaves.
        for (var minutes = 5; minutes <= 25; minutes += 5)
        {
            await page.Clock.FastForwardAsync("05:00");
            Assert.DoesNotContain("/account/login", page.Url);
        }
        for (var i = 0; i < 12 && !page.Url.Contains("expired=true", StringComparison.Ordinal); i++)
        {
            await page.Clock.FastForwardAsync("01:00");
            await page.WaitForTimeoutAsync(250);
        }
        await page.WaitForSelectorAsync("[data-testid=login-expired]");
        Assert.Contains("/account/login?expired=true", page.Url);
        Assert.Contains("30 分钟无操作", await page.InnerTextAsync("[data-testid=login-expired]"));
        await context.CloseAsync();
    }

    [RequiresChromiumFact]
    public async Task Admin_CreatesAUser_ResetsTheirPassword_AndDisablesThem()
    {
        var admin = await server.SignedInPageAsync("admin1");
        await admin.GotoAsync("/admin/users");
        await admin.WaitForSelectorAsync("[data-testid=users]");
        var section = admin.Locator("[data-testid=create-section]");
        await admin.FillAsync("input[data-testid=new-user], [data-testid=new-user] input", "newauditor");
        await admin.FillAsync("input[data-testid=new-password], [data-testid=new-password] input", "short-pw");
        await section.GetByText("审核员").ClickAsync();
        await admin.ClickAsync("[data-testid=create-user]");
        Assert.Contains("至少需要 12 个字符", await admin.InnerTextAsync("[data-testid=admin-message]"));
        await admin.FillAsync("input[data-testid=new-password], [data-testid=new-password] input", "a-long-enough-password");
        await admin.ClickAsync("[data-testid=create-user]");
        await admin.WaitForSelectorAsync("[data-testid=admin-message]:has-text('已创建用户 newauditor')");
        var row = admin.Locator("tr[data-user=newauditor]");
        await row.Locator("[data-testid=reset]").ClickAsync();
        await admin.FillAsync("tr[data-user=newauditor] input[data-testid=reset-password], tr[data-user=newauditor] [data-testid=reset-password] input", WebServer.Password);
        await row.Locator("[data-testid=reset-save]").ClickAsync();
        await admin.WaitForSelectorAsync("[data-testid=admin-message]:has-text('已重置 newauditor 的密码')");

        // The new account signs in with the reset password, with the role it was given.
        var user = await server.SignedInPageAsync("newauditor");
        Assert.Contains("审核员", await user.InnerTextAsync("[data-testid=current-user]"));
        await user.Context.CloseAsync();

        // Disabled, it can no longer sign in.
        await row.Locator("[data-testid=disable]").ClickAsync();
        await admin.WaitForSelectorAsync("[data-testid=admin-message]:has-text('已停用 newauditor')");
        var context = await server.NewContextAsync();
        var page = await context.NewPageAsync();
        server.Watch(page);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", "newauditor");
        await page.FillAsync("#password", WebServer.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        Assert.Contains("已停用", await page.InnerTextAsync("[data-testid=login-error]"));
        await context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [RequiresChromiumFact]
    public async Task Analyst_SeesTheFigures_ButIsRefusedACorrection()
    {
        Guid documentId;
        using (var scope = server.Services.CreateScope())
        {
            var ingest = scope.ServiceProvider.GetRequiredService<Extractor.Server.Uploads.BatchIngest>();
            var bytes = await File.ReadAllBytesAsync(Repo.TestData("html/" + Html));
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            var batch = await ingest.IngestAsync([new Extractor.Server.Uploads.UploadedFile(Html, Html, bytes, sha)], "uploader1", CancellationToken.None);
            documentId = batch.Entries[0].DocumentId;
        }
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            using var scope = server.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ExtractorDbContext>();
            var status = await db.Documents.Where(d => d.Id == documentId).Select(d => d.Status).SingleAsync();
            if (status is "done" or "failed")
            {
                Assert.Equal("done", status);
                break;
            }
            Assert.True(DateTime.UtcNow < deadline, "the HTML report was not extracted in time");
            await Task.Delay(200);
        }

        var analyst = await server.SignedInPageAsync("analyst1");
        await analyst.GotoAsync($"/documents/{documentId}");
        await analyst.WaitForSelectorAsync("table[data-table=applications]");
        var cell = analyst.Locator("td.fig[data-path='applications.newReceived.total']");
        await cell.ClickAsync();
        await analyst.WaitForSelectorAsync("[data-testid=evidence][data-path='applications.newReceived.total']");
        Assert.Equal("text", await analyst.GetAttributeAsync("[data-testid=evidence]", "data-kind"));
        Assert.NotEmpty(await analyst.InnerTextAsync("[data-testid=source-text] mark"));
        // No buttons the role may not use; no review queue in the navigation.
        Assert.Equal(0, await analyst.Locator("[data-testid=edit]").CountAsync());
        Assert.Equal(0, await analyst.Locator("[data-testid=confirm]").CountAsync());
        Assert.Equal(0, await analyst.Locator("[data-testid=signoff]").CountAsync());
        Assert.Equal(0, await analyst.Locator("a[href='review']").CountAsync());
        // And the server refuses the correction anyway, through the analyst's own session.
        var put = await analyst.Context.APIRequest.PutAsync($"/api/documents/{documentId}/fields/applications.newReceived.total",
            new() { DataObject = new { value = 1, reason = "x" } });
        Assert.Equal(403, put.Status);
        await analyst.GotoAsync("/review");
        await analyst.WaitForSelectorAsync("text=您的角色无权访问");
        Assert.Contains("/account/denied", analyst.Url);
        await analyst.Context.CloseAsync();
    }
}

/// <summary>Screenshots of the pages for docs/screenshots, taken only when EXTRACTOR_WEB_SCREENSHOTS names a folder.</summary>
public static class Screens
{
    public static string? Directory { get; } = Environment.GetEnvironmentVariable("EXTRACTOR_WEB_SCREENSHOTS");

    public static async Task SaveAsync(IPage page, string name, Clip? clip = null)
    {
        if (Directory is null)
        {
            return;
        }
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = System.IO.Path.Combine(Directory, name + ".png"), Type = ScreenshotType.Png, Clip = clip });
    }
}
