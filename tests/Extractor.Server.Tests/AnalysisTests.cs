using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Extractor.Server.Analysis;
using Extractor.Server.Contracts;
using Extractor.Server.Tests.Infrastructure;

namespace Extractor.Server.Tests;

/// <summary>
/// Issue 13 through real HTTP on a real store: copies of one report grouped and counted once, the report of
/// record, copies that disagree, the registry's aliases across years, coverage.
/// </summary>
public abstract class AnalysisTests(PostgresServer? pg) : StoreTests(pg)
{
    private const string NewReceived = "applications.newReceived.total";

    internal static byte[] Fixture(string relative) => File.ReadAllBytes(Path.Combine(Samples.RepoRoot, "testdata", relative));

    internal static decimal Truth(string relative, string path)
    {
        var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Samples.RepoRoot, "testdata", Path.ChangeExtension(relative, ".truth.json"))));
        return truth.RootElement.GetProperty("fields").GetProperty(path).GetDecimal();
    }

    internal static async Task<T> GetAsync<T>(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Api.Json)!;
    }

    [SkippableFact]
    public async Task Explorer_SameReportAsHtmlAndPdf_CountsTheReportOfRecordOnce()
    {
        var factory = Server(await NewStoreAsync());
        var admin = factory.Client("admin");
        var analyst = factory.Client("analyst");
        // html/clean-template.html and pdf/lo-type1-ruled-pagebreak.pdf are one report (testdata/README.md): 218 new applications.
        var batch = await Api.UploadAsync(admin,
            ("clean-template.html", Fixture("html/clean-template.html")),
            ("lo-type1-ruled-pagebreak.pdf", Fixture("pdf/lo-type1-ruled-pagebreak.pdf")),
            ("word-export-mso.html", Fixture("html/word-export-mso.html")));
        await Api.WaitFinishedAsync(admin, batch.Id);
        var (html, pdf, other) = (batch.Entries[0].DocumentId, batch.Entries[1].DocumentId, batch.Entries[2].DocumentId);
        var expected = Truth("html/clean-template.html", NewReceived) + Truth("html/word-export-mso.html", NewReceived);
        Assert.Equal(218 + 377, expected);

        var explorer = await GetAsync<ExplorerDto>(analyst, $"/api/analysis/explorer?field={NewReceived}&years=2023");
        Assert.Equal(2, explorer.Rows.Count);
        Assert.Equal(expected, explorer.Stats.Sum);
        Assert.Equal(expected / 2, explorer.Stats.Mean);
        Assert.Equal(expected / 2, explorer.Stats.Median);
        var first = Assert.Single(explorer.Rows, r => r.Agency == "青河县柳塘镇人民政府");
        Assert.Equal(2, first.Copies);
        Assert.Contains(first.DocumentId, new[] { html, pdf });
        Assert.Equal(RecordBasis.Latest, first.RecordBasis);
        Assert.Equal($"/documents/{first.DocumentId}?field={NewReceived}", first.EvidenceUrl);

        // The older API counts the report once too; copies=all still shows both copies.
        var figures = await GetAsync<FiguresDto>(analyst, $"/api/figures?field={NewReceived}&year=2023");
        Assert.Equal(2, figures.Items.Count);
        Assert.Equal(expected, figures.Items.Sum(i => i.Value));
        Assert.Equal(3, (await GetAsync<FiguresDto>(analyst, $"/api/figures?field={NewReceived}&year=2023&copies=all")).Items.Count);
        var csv = Encoding.UTF8.GetString(await analyst.GetByteArrayAsync("/api/export?year=2023&format=csv"));
        Assert.Equal(3, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        // The copies read alike: neither disagrees with the other.
        var report = await GetAsync<ReportDto>(analyst, $"/api/analysis/documents/{html}/report");
        Assert.Equal(2, report.Copies.Count);
        Assert.All(report.Copies, c => Assert.Empty(c.Differences));
        Assert.Equal(["html", "pdf"], report.Copies.Select(c => c.Format).Order());

        // An auditor chooses the other copy; an analyst may not.
        var otherCopy = first.DocumentId == html ? pdf : html;
        using (var refused = await analyst.PutAsJsonAsync("/api/analysis/reports/record", new RecordChoiceRequest(otherCopy, "x")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        var auditor = factory.Client("auditor");
        using (var noReason = await auditor.PutAsJsonAsync("/api/analysis/reports/record", new RecordChoiceRequest(otherCopy, " ")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        }
        using (var chosen = await auditor.PutAsJsonAsync("/api/analysis/reports/record", new RecordChoiceRequest(otherCopy, "the signed paper copy is the PDF")))
        {
            var dto = JsonSerializer.Deserialize<ReportDto>(await chosen.Content.ReadAsStringAsync(), Api.Json)!;
            Assert.Equal((otherCopy, RecordBasis.Chosen, "test-auditor"), (dto.RecordId!.Value, dto.Basis, dto.ChosenBy));
        }
        var again = await GetAsync<ExplorerDto>(analyst, $"/api/analysis/explorer?field={NewReceived}&years=2023");
        Assert.Equal(otherCopy, again.Rows.Single(r => r.Agency == "青河县柳塘镇人民政府").DocumentId);
        Assert.Equal(expected, again.Stats.Sum);
        Assert.Contains(other, again.Rows.Select(r => r.DocumentId));

        using var png = await analyst.GetAsync($"/api/analysis/charts/bars.png?field={NewReceived}&years=2023");
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        var bytes = await png.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', $"not a PNG: {bytes.Length} bytes");
    }

    [SkippableFact]
    public async Task Copies_DisagreeingWithTheRecord_AreFlaggedOnBothFieldByField()
    {
        var factory = Server(await NewStoreAsync());
        var admin = factory.Client("admin");
        var batch = await Api.UploadAsync(admin, ("a.txt", Samples.SeedVariant("a")), ("b.txt", Samples.SeedVariant("b")));
        await Api.WaitFinishedAsync(admin, batch.Id);
        var (a, b) = (batch.Entries[0].DocumentId, batch.Entries[1].DocumentId);
        var before = await GetAsync<ReportDto>(admin, $"/api/analysis/documents/{a}/report");
        Assert.Equal(2, before.Copies.Count);
        Assert.All(before.Copies, c => Assert.Empty(c.Differences));

        // The revision prints 4 where the first copy printed 0; the record is the one the auditor chooses.
        using (var put = await Api.CorrectAsync(admin, b, "active.licensing", 4, "revised report prints 4"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        using (var chosen = await admin.PutAsJsonAsync("/api/analysis/reports/record", new RecordChoiceRequest(a, "first publication")))
        {
            Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        }
        var report = await GetAsync<ReportDto>(admin, $"/api/analysis/documents/{b}/report");
        Assert.Equal(a, report.RecordId);
        var onCopy = Assert.Single(report.Copies.Single(c => c.DocumentId == b).Differences);
        Assert.Equal(("active.licensing", 0m, 4m), (onCopy.Path, onCopy.RecordValue!.Value, onCopy.CopyValue!.Value));
        var onRecord = Assert.Single(report.Copies.Single(c => c.DocumentId == a).Differences);
        Assert.Equal("active.licensing", onRecord.Path);
        Assert.Contains("行政许可", onRecord.Label);

        var explorer = await GetAsync<ExplorerDto>(admin, "/api/analysis/explorer?field=active.licensing&years=2023");
        var row = Assert.Single(explorer.Rows);
        Assert.Equal((0m, 1, 2), (row.Value!.Value, row.DisagreeingFields, row.Copies));
    }

    [SkippableFact]
    public async Task Registry_AliasesMatchAcrossYears_AndCoverageCountsEveryState()
    {
        var factory = Server(await NewStoreAsync());
        var admin = factory.Client("admin");
        var analyst = factory.Client("analyst");
        var batch = await Api.UploadAsync(admin,
            ("2023.txt", Samples.SeedVariant("x")), ("2022.txt", Samples.SeedVariant("y", 2022)),
            ("松林乡人民政府2023年报.pdf", Samples.CorruptPdf()));
        await Api.WaitFinishedAsync(admin, batch.Id);
        var (thisYear, lastYear) = (batch.Entries[0].DocumentId, batch.Entries[1].DocumentId);

        const string csv = "名称,别名,省,市,县,乡镇,级别\r\n卷硐镇人民政府,,四川省,达州市,渠县,卷硐镇,乡镇级\r\n" +
                           "松林乡人民政府,松林乡,四川省,达州市,渠县,松林乡,乡镇级\r\n\"青石镇人民政府\",青石镇,四川省,达州市,渠县,青石镇,乡镇级\r\n" +
                           "达州市人民政府,,四川省,达州市,,,市级\r\n";
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "registry.csv" } };
        using (var import = await analyst.PostAsync("/api/agencies/import", form))
        {
            var body = await import.Content.ReadAsStringAsync();
            Assert.True(import.IsSuccessStatusCode, body);
            var result = JsonSerializer.Deserialize<ImportResultDto>(body, Api.Json)!;
            Assert.Equal((4, 0, 2), (result.Created, result.Updated, result.AliasesAdded));
            Assert.Empty(result.Errors);
        }

        // The reports say 卷硐镇: no entry has that name, so it is proposed, with the entry it most likely is.
        var proposal = Assert.Single(await GetAsync<List<ProposalDto>>(analyst, "/api/agencies/proposals"));
        Assert.Equal(("卷硐镇", 2, "卷硐镇人民政府"), (proposal.Name, proposal.Documents, proposal.SuggestedName));
        Assert.Equal([2022, 2023], proposal.Years);
        var before = await GetAsync<CoverageDto>(analyst, "/api/analysis/coverage?year=2023&region=四川省›达州市›渠县");
        Assert.Equal(3, before.Rows.Count);
        Assert.Equal((2, 1, 0), (before.Counts[Coverage.NotReceived], before.Counts[Coverage.Failed], before.Counts[Coverage.InReview]));

        using (var alias = await analyst.PostAsJsonAsync($"/api/agencies/{proposal.SuggestedId}/aliases", new AliasRequest("卷硐镇")))
        {
            Assert.Equal(HttpStatusCode.NoContent, alias.StatusCode);
        }
        using (var taken = await analyst.PostAsJsonAsync($"/api/agencies/{proposal.SuggestedId}/aliases", new AliasRequest("松林乡")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
            Assert.Contains("松林乡人民政府", await taken.Content.ReadAsStringAsync());
        }
        Assert.Empty(await GetAsync<List<ProposalDto>>(analyst, "/api/agencies/proposals"));

        // Both years now belong to the registry's agency, found by its region and level.
        var explorer = await GetAsync<ExplorerDto>(analyst, $"/api/analysis/explorer?field={NewReceived}&years=2022-2023&region=四川省/达州市&level=乡镇级");
        Assert.Equal([2022, 2023], explorer.Rows.Select(r => r.Year!.Value));
        Assert.All(explorer.Rows, r => Assert.Equal(("卷硐镇人民政府", "四川省 › 达州市 › 渠县 › 卷硐镇"), (r.Agency, r.Region)));
        var agencies = await GetAsync<List<AgencyYearsDto>>(analyst, "/api/analysis/agencies");
        var agency = Assert.Single(agencies);
        Assert.Equal([2022, 2023], agency.Years);
        var compare = await GetAsync<CompareDto>(analyst, $"/api/analysis/compare?agency={agency.AgencyKey}&from=2022&to=2023");
        Assert.Equal((lastYear, thisYear), (compare.FromDocumentId!.Value, compare.ToDocumentId!.Value));
        Assert.Equal(7, compare.CarryOver.Count);
        Assert.All(compare.CarryOver, c => Assert.True(c.Passed));
        Assert.Equal(200, compare.Cells.Count);

        // Coverage: 卷硐镇 in review, then signed off; 松林乡 failed (named by its file); 青石镇 not received.
        var mid = await GetAsync<CoverageDto>(analyst, "/api/analysis/coverage?year=2023&region=四川省›达州市›渠县");
        Assert.Equal((1, 1, 1, 0), (mid.Counts[Coverage.NotReceived], mid.Counts[Coverage.Failed], mid.Counts[Coverage.InReview], mid.Counts[Coverage.SignedOff]));
        Assert.Equal(Coverage.NotReceived, mid.Rows.Single(r => r.Agency == "青石镇人民政府").State);
        Assert.Equal("未收到", mid.Rows.Single(r => r.Agency == "青石镇人民政府").StateZh);
        using (var sign = await admin.PostAsJsonAsync($"/api/documents/{thisYear}/signoff", new { note = "checked" }))
        {
            Assert.True(sign.IsSuccessStatusCode, await sign.Content.ReadAsStringAsync());
        }
        var after = await GetAsync<CoverageDto>(analyst, "/api/analysis/coverage?year=2023&region=四川省›达州市›渠县");
        Assert.Equal((1, 1, 0, 1), (after.Counts[Coverage.NotReceived], after.Counts[Coverage.Failed], after.Counts[Coverage.InReview], after.Counts[Coverage.SignedOff]));
        Assert.Equal(thisYear, after.Rows.Single(r => r.State == Coverage.SignedOff).DocumentId);
        var city = await GetAsync<CoverageDto>(analyst, "/api/analysis/coverage?year=2023&region=四川省›达州市&level=市级");
        Assert.Equal("达州市人民政府", Assert.Single(city.Rows).Agency);

        var exported = Encoding.UTF8.GetString(await analyst.GetByteArrayAsync("/api/analysis/coverage?year=2023&region=四川省›达州市›渠县&format=csv"));
        Assert.StartsWith("\uFEFF机关,地区,级别,年度,状态", exported);
        Assert.Contains("青石镇人民政府,四川省 › 达州市 › 渠县 › 青石镇,乡镇级,2023,未收到", exported);
        using var badYear = await analyst.GetAsync("/api/analysis/coverage");
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
    }

    [SkippableFact]
    public async Task Explorer_LabelSearchAndUnconfirmedSwitch_AndBadInputRefused()
    {
        var factory = Server(await NewStoreAsync());
        var analyst = factory.Client("analyst");
        var found = await GetAsync<List<FieldOptionDto>>(analyst, "/api/analysis/fields?q=" + Uri.EscapeDataString("本年新收 总计"));
        Assert.Equal(NewReceived, Assert.Single(found).Path);

        var admin = factory.Client("admin");
        // broken-row-total.html prints （一）予以公开 总计 31 over cells that sum to 21: its figure is under review.
        var batch = await Api.UploadAsync(admin, ("broken.html", Fixture("html/broken-row-total.html")), ("clean.html", Fixture("html/clean-template.html")));
        await Api.WaitFinishedAsync(admin, batch.Id);
        const string granted = "applications.granted.total";
        var all = await GetAsync<ExplorerDto>(analyst, $"/api/analysis/explorer?field={granted}&years=2023");
        var broken = all.Rows.Single(r => r.DocumentId == batch.Entries[0].DocumentId);
        Assert.Equal((31m, ValueStates.Review, "待复核"), (broken.Value!.Value, broken.State, broken.StateZh));
        Assert.Equal((2, 1), (all.Stats.Values, all.Stats.Unconfirmed));
        Assert.Equal(31 + Truth("html/clean-template.html", granted), all.Stats.Sum);
        var sure = await GetAsync<ExplorerDto>(analyst, $"/api/analysis/explorer?field={granted}&years=2023&excludeUnconfirmed=true");
        Assert.Equal((1, 1, true), (sure.Stats.Values, sure.Stats.Unconfirmed, sure.Stats.UnconfirmedLeftOut));
        Assert.Equal(Truth("html/clean-template.html", granted), sure.Stats.Sum);

        using var badField = await analyst.GetAsync("/api/analysis/explorer?field=applications.nonsense.total");
        Assert.Equal(HttpStatusCode.BadRequest, badField.StatusCode);
        using var badYears = await analyst.GetAsync($"/api/analysis/explorer?field={granted}&years=twenty");
        Assert.Equal(HttpStatusCode.BadRequest, badYears.StatusCode);
        Assert.Contains("twenty", await badYears.Content.ReadAsStringAsync());
        using var uploader = await factory.Client("uploader").GetAsync($"/api/analysis/explorer?field={granted}");
        Assert.Equal(HttpStatusCode.Forbidden, uploader.StatusCode);
    }

    /// <summary>An XLSX as spreadsheet programs save it: shared strings, cells with references, a gap in a row.</summary>
    private static byte[] RegistryXlsx(params string?[][] rows)
    {
        using var ms = new MemoryStream();
        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Create(ms, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
            var strings = wb.AddNewPart<DocumentFormat.OpenXml.Packaging.SharedStringTablePart>();
            strings.SharedStringTable = new DocumentFormat.OpenXml.Spreadsheet.SharedStringTable();
            var sheetPart = wb.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetPart>();
            var data = new DocumentFormat.OpenXml.Spreadsheet.SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new DocumentFormat.OpenXml.Spreadsheet.Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    if (rows[r][c] is not { } text)
                    {
                        continue;
                    }
                    strings.SharedStringTable.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text(text)));
                    row.Append(new DocumentFormat.OpenXml.Spreadsheet.Cell
                    {
                        CellReference = Export.XlsxWriter.ColumnName(c) + (r + 1),
                        DataType = DocumentFormat.OpenXml.Spreadsheet.CellValues.SharedString,
                        CellValue = new DocumentFormat.OpenXml.Spreadsheet.CellValue((strings.SharedStringTable.Count() - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    });
                }
                data.Append(row);
            }
            sheetPart.Worksheet = new DocumentFormat.OpenXml.Spreadsheet.Worksheet(data);
            wb.Workbook.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheets(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = wb.GetIdOfPart(sheetPart), SheetId = 1, Name = "名录" }));
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }

    [SkippableFact]
    public async Task Registry_ImportsXlsx_AndRefusesAFileWithoutANameColumn()
    {
        var factory = Server(await NewStoreAsync(), Hosting.ServerRole.Api);
        var analyst = factory.Client("analyst");
        var xlsx = RegistryXlsx(
            ["级别", "名称", "别名", "省", "市", "县", "乡镇"],
            ["乡镇级", "卷硐镇人民政府", "卷硐镇；卷硐", "四川省", "达州市", "渠县", "卷硐镇"],
            ["县级", "渠县人民政府", null, "四川省", "达州市", "渠县"]);
        async Task<HttpResponseMessage> ImportAsync(string name, byte[] bytes) =>
            await analyst.PostAsync("/api/agencies/import", new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } });
        using (var ok = await ImportAsync("名录.xlsx", xlsx))
        {
            var body = await ok.Content.ReadAsStringAsync();
            Assert.True(ok.IsSuccessStatusCode, body);
            Assert.Equal((2, 0, 2), JsonSerializer.Deserialize<ImportResultDto>(body, Api.Json) is { } r ? (r.Created, r.Updated, r.AliasesAdded) : default);
        }
        var agencies = await GetAsync<List<AgencyDto>>(analyst, "/api/agencies");
        var town = Assert.Single(agencies, a => a.Name == "卷硐镇人民政府");
        Assert.Equal(["卷硐", "卷硐镇"], town.Aliases);
        Assert.Equal(("四川省 › 达州市 › 渠县 › 卷硐镇", "乡镇级"), (town.Region, town.Level));
        Assert.Equal("四川省 › 达州市 › 渠县", agencies.Single(a => a.Name == "渠县人民政府").Region);

        // The same file again updates, adds nothing; an alias of another agency is refused with its line.
        using (var again = await ImportAsync("again.csv", Encoding.UTF8.GetBytes("名称,别名\n渠县人民政府,卷硐镇\n")))
        {
            var r = JsonSerializer.Deserialize<ImportResultDto>(await again.Content.ReadAsStringAsync(), Api.Json)!;
            Assert.Equal((0, 1, 0), (r.Created, r.Updated, r.AliasesAdded));
            Assert.Contains("line 2", Assert.Single(r.Errors));
            Assert.Contains("卷硐镇人民政府", r.Errors[0]);
        }
        using (var noName = await ImportAsync("bad.csv", Encoding.UTF8.GetBytes("机构代码,地址\n123,x\n")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
            Assert.Contains("bad.csv", await noName.Content.ReadAsStringAsync());
        }
        using (var broken = await ImportAsync("broken.xlsx", [(byte)'P', (byte)'K', 3, 4, 0, 0, 1, 2]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
            Assert.Contains("broken.xlsx", await broken.Content.ReadAsStringAsync());
        }
    }
}

public sealed class AnalysisSqliteTests() : AnalysisTests(null);

[Collection(PostgresCollection.Name)]
public sealed class AnalysisPostgresTests(PostgresServer pg) : AnalysisTests(pg);
