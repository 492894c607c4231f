using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Extractor.Server.Export;
using Extractor.Server.Tests.Infrastructure;
using Parquet.Serialization;

namespace Extractor.Server.Tests;

/// <summary>
/// Exports of a selection (issue 13, point 6), read back: each report once, Chinese headers and states, every
/// value under review or corrected marked (state column in CSV; fill and note in XLSX), frozen header, filters,
/// widths, a sheet per table; the long format in CSV and Parquet.
/// </summary>
public abstract class AnalysisExportTests(PostgresServer? pg) : StoreTests(pg)
{
    private const string Granted = "applications.granted.total";

    [SkippableFact]
    public async Task Export_MarksValuesUnderReviewAndCorrected_InXlsxCsvAndParquet()
    {
        var factory = Server(await NewStoreAsync());
        var admin = factory.Client("admin");
        var analyst = factory.Client("analyst");
        var batch = await Api.UploadAsync(admin,
            ("broken.html", AnalysisTests.Fixture("html/broken-row-total.html")),
            ("clean.html", AnalysisTests.Fixture("html/clean-template.html")),
            ("clean.pdf", AnalysisTests.Fixture("pdf/lo-type1-ruled-pagebreak.pdf")));
        await Api.WaitFinishedAsync(admin, batch.Id);
        var broken = batch.Entries[0].DocumentId;
        using (var put = await Api.CorrectAsync(admin, broken, "active.licensing", 9, "read again on paper"))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        // XLSX with Chinese headers: two reports (the clean one counted once), the review value filled and noted.
        var xlsx = await analyst.GetByteArrayAsync("/api/analysis/export?format=xlsx&years=2023&headers=zh");
        using (var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
        {
            var wb = doc.WorkbookPart!;
            var sheets = wb.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();
            Assert.Equal(["汇总", "表二", "表三", "表四", "问题", "说明"], sheets);
            // 问题: one row per finding of the rule pack; the broken row total of broken.html is one.
            var findingRows = Part(wb, "问题").Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => Text(wb, c)).ToList()).ToList();
            Assert.Equal(["机关", "地区", "年度", "文档编号", "文件名", "规则编号", "规则名称", "级别", "说明", "相关数字"], findingRows[0]);
            Assert.Contains(findingRows, r => r[3] == broken.ToString() && r[5] == "applications.rowTotal" && r[7] == "错误");
            var summary = Part(wb, "汇总");
            var rows = summary.Worksheet.Descendants<Row>().ToList();
            Assert.Equal(3, rows.Count);
            var header = rows[0].Elements<Cell>().Select(c => Text(wb, c)).ToList();
            Assert.Equal(["机关", "地区", "级别", "年度", "文档编号"], header.Take(5));
            var col = header.IndexOf("表三 （一）予以公开 总计");
            Assert.True(col > 0, string.Join(" | ", header));
            var brokenRow = rows.Single(r => r.Elements<Cell>().Any(c => Text(wb, c) == broken.ToString()));
            // SpreadCheetah writes every cell of a row in order, without references: a cell is found by its position.
            var cell = brokenRow.Elements<Cell>().ElementAt(col);
            Assert.Equal("31", cell.CellValue!.Text);
            Assert.Equal("待复核", Note(summary, XlsxWriter.ColumnName(col) + brokenRow.RowIndex!.Value));
            Assert.NotEqual(0u, cell.StyleIndex?.Value ?? 0u);
            var corrected = XlsxWriter.ColumnName(header.IndexOf("表二 第二十条第（五）项 行政许可 本年处理决定数量")) + brokenRow.RowIndex!.Value;
            Assert.Equal("已更正", Note(summary, corrected));
            // A figure read surely has neither note nor fill.
            var cleanRow = rows.Single(r => r != rows[0] && r != brokenRow);
            var plain = cleanRow.Elements<Cell>().ElementAt(col);
            Assert.Equal(AnalysisTests.Truth("html/clean-template.html", Granted).ToString(System.Globalization.CultureInfo.InvariantCulture), plain.CellValue!.Text);
            Assert.Null(Note(summary, XlsxWriter.ColumnName(col) + cleanRow.RowIndex!.Value));
            Assert.Equal(0u, plain.StyleIndex?.Value ?? 0u);
            // Frozen header, filter over it, column widths.
            var pane = summary.Worksheet.Descendants<Pane>().Single();
            Assert.Equal((PaneStateValues.Frozen, "A2"), (pane.State!.Value, pane.TopLeftCell!.Value));
            Assert.StartsWith("A1:", summary.Worksheet.Descendants<AutoFilter>().Single().Reference!.Value);
            Assert.Contains(summary.Worksheet.Descendants<Column>(), c => c.Width?.Value > 20);

            // 表三 in the template's layout: row label over its seven columns, then the column labels.
            var table3 = Part(wb, "表三").Worksheet.Descendants<Row>().ToList();
            var labels = table3[1].Elements<Cell>().Select(c => Text(wb, c)).ToList();
            Assert.Equal(8 + 175, labels.Count);
            Assert.Equal(["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"], labels.Skip(8).Take(7));
            Assert.Equal("一、本年新收政府信息公开申请数量", Text(wb, table3[0].Elements<Cell>().ElementAt(8)));
            Assert.Equal(4, table3.Count);
        }

        // Wide CSV: a state column beside every value, in Chinese when asked.
        var csv = Encoding.UTF8.GetString(await analyst.GetByteArrayAsync("/api/analysis/export?format=csv&years=2023&headers=zh")).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var h = lines[0].Split(',');
        Assert.Equal(8 + 400, h.Length);
        var brokenLine = lines.Single(l => l.Contains(broken.ToString(), StringComparison.Ordinal)).Split(',');
        var at = Array.IndexOf(h, "表三 （一）予以公开 总计");
        Assert.Equal(("31", "待复核"), (brokenLine[at], brokenLine[at + 1]));
        Assert.Equal("表三 （一）予以公开 总计 状态", h[at + 1]);

        // Long format: one row per report and field, in CSV and Parquet.
        var longCsv = Encoding.UTF8.GetString(await analyst.GetByteArrayAsync("/api/analysis/export?format=long-csv&years=2023")).TrimStart('\uFEFF');
        var longLines = longCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("agency,region,level,year,documentId,fieldPath,label,value,state", longLines[0]);
        Assert.Equal(1 + 2 * 200, longLines.Length);
        Assert.Contains(longLines, l => l.StartsWith("枫林县枫林镇人民政府,,,2023,", StringComparison.Ordinal) && l.Contains($",{Granted},", StringComparison.Ordinal) && l.EndsWith(",31,review", StringComparison.Ordinal));

        var parquet = await analyst.GetByteArrayAsync("/api/analysis/export?format=parquet&years=2023");
        var read = await ParquetSerializer.DeserializeAsync<SelectionExport.ParquetLongRow>(new MemoryStream(parquet));
        Assert.Equal(["agency", "region", "level", "year", "documentId", "fieldPath", "label", "value", "state"], read.Schema.DataFields.Select(f => f.Name));
        var back = read.Data;
        Assert.Equal(400, back.Count);
        var p = back.Single(r => r.documentId == broken.ToString() && r.fieldPath == Granted);
        Assert.Equal((31d, "review", 2023), (p.value!.Value, p.state, p.year!.Value));
        Assert.Equal("corrected", back.Single(r => r.documentId == broken.ToString() && r.fieldPath == "active.licensing").state);

        // One report in the official layout: 表三 as printed, 25 rows under a three-row header.
        var official = await analyst.GetByteArrayAsync($"/api/analysis/documents/{broken}/xlsx");
        using (var doc = SpreadsheetDocument.Open(new MemoryStream(official), false))
        {
            var wb = doc.WorkbookPart!;
            var t3 = Part(wb, "表三");
            Assert.Equal(1 + 3 + 25, t3.Worksheet.Descendants<Row>().Count());
            var grantedRow = t3.Worksheet.Descendants<Row>().Single(r => r.Elements<Cell>().Any(c => Text(wb, c) == "（一）予以公开"));
            Assert.Equal("31", grantedRow.Elements<Cell>().ElementAt(9).CellValue!.Text);
            Assert.Equal("待复核", Note(t3, "J" + grantedRow.RowIndex!.Value));
            Assert.Contains(t3.Worksheet.Descendants<MergeCell>(), m => m.Reference!.Value == "A2:C4");
        }

        using var bad = await analyst.GetAsync("/api/analysis/export?format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private static WorksheetPart Part(WorkbookPart wb, string name) =>
        (WorksheetPart)wb.GetPartById(wb.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name).Id!.Value!);

    private static string Text(WorkbookPart wb, Cell c) =>
        c.DataType?.Value == CellValues.SharedString
            ? wb.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).InnerText
            : c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "";

    private static string? Note(WorksheetPart part, string reference) =>
        part.WorksheetCommentsPart?.Comments.Descendants<Comment>().FirstOrDefault(c => c.Reference?.Value == reference)?.InnerText;
}

public sealed class AnalysisExportSqliteTests() : AnalysisExportTests(null);

[Collection(PostgresCollection.Name)]
public sealed class AnalysisExportPostgresTests(PostgresServer pg) : AnalysisExportTests(pg);
