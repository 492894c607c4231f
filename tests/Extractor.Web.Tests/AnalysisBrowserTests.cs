using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Extractor.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Extractor.Web.Tests;

/// <summary>
/// The analysts' pages (issue 13) in chromium against the real server: one report uploaded as HTML and as PDF
/// plus other agencies' reports; the explorer's sum counts the report once and draws its charts; the coverage page
/// lists a registry agency without a report as not received; the XLSX export marks a value under review; year over
/// year shows the differences and the carry-over check. Screenshots as in part 1 (EXTRACTOR_WEB_SCREENSHOTS).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AnalysisBrowserTests(WebServer server, ITestOutputHelper output) : IDisposable
{
    // A region of its own, so the documents other tests of this server upload stay out of the figures.
    private const string Region = "测试省 › 甲市";
    private const string Registry =
        "名称,别名,省,市,县,乡镇,级别\n青河县柳塘镇人民政府,柳塘镇,测试省,甲市,青河县,柳塘镇,乡镇级\n江岚市自然资源和规划局,,测试省,甲市,,,部门\n" +
        "枫林县枫林镇人民政府,,测试省,甲市,枫林县,枫林镇,乡镇级\n石门乡人民政府,石门乡,测试省,甲市,青河县,石门乡,乡镇级\n";

    public void Dispose()
    {
        while (server.BrowserLog.TryDequeue(out var line))
        {
            output.WriteLine(line);
        }
    }

    private async Task<List<Guid>> IngestAsync(params (string Name, byte[] Bytes)[] files)
    {
        List<Guid> ids;
        using (var scope = server.Services.CreateScope())
        {
            var ingest = scope.ServiceProvider.GetRequiredService<Extractor.Server.Uploads.BatchIngest>();
            var uploaded = files.Select(f => new Extractor.Server.Uploads.UploadedFile(f.Name, f.Name, f.Bytes,
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(f.Bytes)))).ToList();
            var batch = await ingest.IngestAsync(uploaded, "uploader1", CancellationToken.None);
            ids = batch.Entries.Select(e => e.DocumentId).ToList();
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

    private static Task ShotAsync(IPage page, string name) => Screens.SaveAsync(page, Path.GetFileNameWithoutExtension(name));

    [RequiresChromiumFact]
    public async Task Explorer_CountsTheReportOnce_CoverageListsTheMissing_ExportMarksReview_YearOverYear()
    {
        var files = new (string, byte[])[]
        {
            ("clean-template.html", File.ReadAllBytes(Repo.TestData("html/clean-template.html"))),
            ("lo-type1-ruled-pagebreak.pdf", File.ReadAllBytes(Repo.TestData("pdf/lo-type1-ruled-pagebreak.pdf"))),
            ("word-export-mso.html", File.ReadAllBytes(Repo.TestData("html/word-export-mso.html"))),
            ("broken-row-total.html", File.ReadAllBytes(Repo.TestData("html/broken-row-total.html"))),
        };
        var ids = await IngestAsync(files);

        var page = await server.SignedInPageAsync("analyst1");
        // 1. The registry, imported on its page from a CSV file.
        await page.GotoAsync("/analysis/agencies");
        var csv = Path.Combine(server.DataDirectory, "registry.csv");
        await File.WriteAllTextAsync(csv, Registry, new UTF8Encoding(true));
        await page.SetInputFilesAsync("input[data-testid=import]", csv);
        await page.WaitForSelectorAsync("[data-testid=import-result]");
        Assert.Contains("新增 4 个", await page.InnerTextAsync("[data-testid=import-result]"));
        await page.WaitForSelectorAsync("tr[data-agency='石门乡人民政府']");
        await ShotAsync(page, "analysis-agencies.png");

        // 2. Explorer: the figure chosen by its Chinese label; the HTML and PDF copies count once.
        await page.GotoAsync("/analysis/explorer?years=2023&region=" + Uri.EscapeDataString(Region));
        var field = page.Locator("input[data-testid=field], [data-testid=field] input").First;
        await field.FillAsync("本年新收 总计");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "一、本年新收政府信息公开申请数量 总计" }).First.ClickAsync();
        await page.ClickAsync("[data-testid=run]");
        await page.WaitForSelectorAsync("[data-testid=stat-sum]");
        Assert.Equal("771", await page.InnerTextAsync("[data-testid=stat-sum]"));   // 218 + 377 + 176, not 218 twice
        Assert.Equal("3", await page.InnerTextAsync("[data-testid=stat-reports]"));
        var qinghe = page.Locator("tr[data-agency='青河县柳塘镇人民政府']");
        Assert.Equal("2", (await qinghe.Locator("[data-testid=copies]").InnerTextAsync()).Trim());
        Assert.Equal("218", await qinghe.Locator("[data-testid=value]").InnerTextAsync());
        var chartWidth = await page.Locator("[data-testid=bar-chart]").EvaluateAsync<int>(
            "img => img.complete ? img.naturalWidth : new Promise(r => img.addEventListener('load', () => r(img.naturalWidth), { once: true }))");
        Assert.Equal(900, chartWidth);
        await ShotAsync(page, "analysis-explorer.png");

        // The two copies of the one report, the record marked, on the copies page.
        await page.GotoAsync("/analysis/reports?agency=" + Uri.EscapeDataString("青河县柳塘镇"));
        await page.WaitForSelectorAsync("tr[data-record='true']");
        Assert.Equal(2, await page.Locator("tr[data-document]").CountAsync());
        Assert.Equal(1, await page.Locator("tr[data-record='true']").CountAsync());
        await ShotAsync(page, "analysis-reports.png");

        // 3. The export of the selection, downloaded and read back: the figure under review is marked.
        await page.GotoAsync("/analysis/explorer?field=applications.newReceived.total&years=2023&region=" + Uri.EscapeDataString(Region));
        await page.WaitForSelectorAsync("[data-testid=export-xlsx]");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-xlsx]"));
        var xlsx = Path.Combine(server.DataDirectory, "export.xlsx");
        await download.SaveAsAsync(xlsx);
        using (var doc = SpreadsheetDocument.Open(xlsx, false))
        {
            var wb = doc.WorkbookPart!;
            var sheet = (WorksheetPart)wb.GetPartById(wb.Workbook.Sheets!.Elements<Sheet>().First().Id!.Value!);
            var rows = sheet.Worksheet.Descendants<Row>().ToList();
            Assert.Equal(4, rows.Count);
            var header = rows[0].Elements<Cell>().Select(c => c.InnerText).ToList();
            var col = header.IndexOf("表三 （一）予以公开 总计");
            var broken = rows.Single(r => r.Elements<Cell>().First().InnerText == "枫林县枫林镇人民政府");
            Assert.Equal("31", broken.Elements<Cell>().ElementAt(col).InnerText);
            var reference = Extractor.Server.Export.XlsxWriter.ColumnName(col) + broken.RowIndex!.Value;
            var note = sheet.WorksheetCommentsPart!.Comments.Descendants<Comment>().Single(c => c.Reference!.Value == reference);
            Assert.Equal("待复核", note.InnerText);
        }

        // 4. Coverage for the year: the registry agency without a report is listed as not received.
        await page.GotoAsync("/analysis/coverage?year=2023&region=" + Uri.EscapeDataString(Region));
        await page.WaitForSelectorAsync("tr[data-agency='石门乡人民政府']");
        Assert.Equal("notReceived", await page.GetAttributeAsync("tr[data-agency='石门乡人民政府']", "data-state"));
        Assert.Contains("未收到", await page.InnerTextAsync("tr[data-agency='石门乡人民政府']"));
        Assert.Equal("1", await page.GetAttributeAsync("[data-testid=count-notReceived]", "data-count"));
        Assert.Equal("3", await page.GetAttributeAsync("[data-testid=count-inReview]", "data-count"));
        await ShotAsync(page, "analysis-coverage.png");

        // 5. Year over year: the seed's 2022 and 2023, side by side, with the carry-over check.
        var seed = File.ReadAllBytes(Repo.TestData("text/seed-juandong-town-2023.txt"));
        var lastYear = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(seed).Replace("2023", "2022", StringComparison.Ordinal));
        var years = await IngestAsync(("seed-2023.txt", seed), ("seed-2022.txt", lastYear));
        using (var api = new HttpClient { BaseAddress = new Uri(server.BaseUrl) })
        {
            // Two figures of 2023 changed by an auditor: the page marks exactly these as different.
            api.DefaultRequestHeaders.Add("X-Api-Key", WebServer.ApiKey);
            foreach (var (path, value) in new[] { ("applications.newReceived.natural", 3), ("active.licensing", 2) })
            {
                using var put = await api.PutAsync($"/api/documents/{years[0]}/fields/{path}",
                    new StringContent($"{{\"value\":{value},\"reason\":\"同比测试\"}}", Encoding.UTF8, "application/json"));
                Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
            }
        }
        await page.GotoAsync("/analysis/compare?agency=" + Uri.EscapeDataString("n:卷硐镇"));
        await page.ClickAsync("[data-testid=compare]");
        await page.WaitForSelectorAsync("[data-testid=carry-over]");
        Assert.Equal(7, await page.Locator("[data-testid=carry-over] td[data-passed='True']").CountAsync());
        Assert.Equal(175, await page.Locator("table[data-table='表三'] td.fig").CountAsync());
        Assert.Contains("2022 年度 → 2023 年度", await page.InnerTextAsync("[data-testid=compare-title]"));
        Assert.Equal("2", await page.InnerTextAsync("[data-testid=differences]"));
        Assert.Equal("true", await page.GetAttributeAsync("td[data-path='applications.newReceived.natural']", "data-differs"));
        Assert.Equal("0 → 3", (await page.InnerTextAsync("td[data-path='applications.newReceived.natural']")).Trim());
        Assert.Equal("false", await page.GetAttributeAsync("td[data-path='applications.newReceived.commercial']", "data-differs"));
        await ShotAsync(page, "analysis-year-over-year.png");
        Assert.NotEmpty(ids);
        await page.Context.CloseAsync();
    }
}
