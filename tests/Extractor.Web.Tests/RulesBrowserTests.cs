using Extractor.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Extractor.Web.Tests;

/// <summary>
/// The rule pack on the document page (issue 15): the five-fault report (testdata/rules/five-faults-2023.txt, made by
/// scripts/testdata/make_rules.py with its clean 2022 report) shows its five findings in Chinese; choosing one marks
/// its passage in the source text or its figures in the tables. The rules page lists the pack.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class RulesBrowserTests(WebServer server, ITestOutputHelper output) : IDisposable
{
    public void Dispose()
    {
        while (server.BrowserLog.TryDequeue(out var line))
        {
            output.WriteLine(line);
        }
    }

    private async Task<List<Guid>> IngestAsync(params string[] testdata)
    {
        List<Guid> ids;
        using (var scope = server.Services.CreateScope())
        {
            var ingest = scope.ServiceProvider.GetRequiredService<Extractor.Server.Uploads.BatchIngest>();
            var uploaded = testdata.Select(t =>
            {
                var bytes = File.ReadAllBytes(Repo.TestData(t));
                return new Extractor.Server.Uploads.UploadedFile(Path.GetFileName(t), Path.GetFileName(t), bytes,
                    Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
            }).ToList();
            ids = (await ingest.IngestAsync(uploaded, "uploader1", CancellationToken.None)).Entries.Select(e => e.DocumentId).ToList();
        }
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            using var scope = server.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ExtractorDbContext>();
            var states = await db.Documents.Where(d => ids.Contains(d.Id)).Select(d => d.Status).ToListAsync();
            if (states.All(s => s is "done" or "failed"))
            {
                Assert.All(states, s => Assert.Equal("done", s));
                return ids;
            }
            Assert.True(DateTime.UtcNow < deadline, "the reports were not extracted in time");
            await Task.Delay(250);
        }
    }

    [RequiresChromiumFact]
    public async Task FiveFaultReport_ShowsItsFiveFindings_InChinese_WithPassagesAndFiguresMarked()
    {
        var ids = await IngestAsync("rules/five-faults-2022.txt", "rules/five-faults-2023.txt");
        var page = await server.SignedInPageAsync("auditor1");
        await page.GotoAsync($"/documents/{ids[1]}");
        await page.WaitForSelectorAsync("[data-testid=findings] [data-testid=finding]");
        var rules = await page.Locator("[data-testid=finding]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.rule)");
        output.WriteLine(string.Join(", ", rules));
        foreach (var rule in new[] { "year.body", "structure.chapters", "problems.empty", "prose.newReceived", "table2.inForce.carryOver" })
        {
            Assert.Contains(rule, rules);
        }
        var text = await page.InnerTextAsync("[data-testid=findings]");
        Assert.Contains("现行有效件数与上年", text);
        Assert.Contains("表二「行政规范性文件」现行有效 67 件，而 2022 年现行有效 53 + 本年制发 18 − 本年废止 11 = 60", text);
        Assert.Contains("警告", text);
        Assert.Contains("错误", text);
        Assert.Matches(@"错误 \d+ · 警告 \d+ · 提示 \d+", await page.InnerTextAsync("[data-testid=quality-summary]"));

        // A prose finding: its passage marked in the source text.
        var year = page.Locator("[data-testid=finding][data-rule='year.body'] [data-testid=finding-link]");
        await year.ClickAsync();
        var mark = page.Locator("[data-testid=passages] [data-testid=passage-mark]").First;
        await mark.WaitForAsync();
        Assert.Contains("2022", await mark.InnerTextAsync());

        // The 表二 finding: its three figures highlighted in the tables.
        await page.Locator("[data-testid=finding][data-rule='table2.inForce.carryOver'] [data-testid=finding-link]").Filter(new() { HasText = "行政规范性文件" }).ClickAsync();
        await page.WaitForSelectorAsync("td.fig.hl[data-path='active.normativeDocuments.inForce']");
        Assert.Equal(3, await page.Locator("td.fig.hl").CountAsync());

        // The count stated in 一、总体情况 against 表三 (prose.newReceived): its passage marked.
        await page.Locator("[data-testid=finding][data-rule='prose.newReceived'] [data-testid=finding-link]").First.ClickAsync();
        await page.Locator("[data-testid=passages] [data-testid=passage-mark]").First.WaitForAsync();
        Assert.Contains("176", await page.Locator("[data-testid=passages] [data-testid=passage-mark]").First.InnerTextAsync());
        await Screens.SaveAsync(page, "findings-panel");

        // The analysts' 质量 page: the reports with a finding of the rule, with their counts.
        await page.GotoAsync("/analysis/quality?years=2023&rule=table2.inForce.carryOver");
        var row = page.Locator($"[data-testid=quality-rows] tr[data-document='{ids[1]}']");
        await row.WaitForAsync();
        Assert.Contains("现行有效件数与上年 2", await row.InnerTextAsync());
        Assert.Equal(0, await page.Locator($"[data-testid=quality-rows] tr[data-document='{ids[0]}']").CountAsync());

        // The rule pack's page.
        await page.GotoAsync("/rules");
        await page.WaitForSelectorAsync("tr[data-rule='table2.inForce.carryOver']");
        Assert.Equal(Extractor.Validation.RulePack.Default.Rules.Count, await page.Locator("tr[data-rule]").CountAsync());
        Assert.Contains("国办公开办函〔2021〕30号", await page.InnerTextAsync("tr[data-rule='applications.balance']"));
    }
}
