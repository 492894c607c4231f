using Extractor.Schema;
using Extractor.Server.Analysis;
using Parquet.Serialization;
using SpreadCheetah;

namespace Extractor.Server.Export;

/// <summary>
/// The analysts' export of a selection (issue 13, point 6), each report once (its report of record):
/// wide CSV (a state column beside every value), XLSX (a summary sheet, then a sheet per table in the template's
/// layout, marked cells), and a long format (agency, region, year, field path, label, value, state) as CSV or Parquet.
/// </summary>
public static class SelectionExport
{
    public static byte[] WideCsv(IReadOnlyList<ExportReport> reports, bool chinese)
    {
        var headers = ExportReports.Identity.Select(h => chinese ? h.Zh : h.Key).ToList();
        foreach (var f in Template.Fields)
        {
            headers.Add(chinese ? FieldLabels.WithTable(f) : f.Path);
            headers.Add(chinese ? FieldLabels.WithTable(f) + " 状态" : f.Path + ".state");
        }
        var rows = reports.Select(r =>
        {
            var row = new List<object?>(ExportReports.IdentityValues(r, chinese));
            foreach (var f in Template.Fields)
            {
                var v = r.Values.GetValueOrDefault(f.Path);
                row.Add(v?.Value);
                row.Add(ExportReports.StateName(v?.State ?? ValueStates.Missing, chinese));
            }
            return row.ToArray();
        });
        return CsvExport.Write(headers, rows);
    }

    public sealed record LongRow(string Agency, string Region, string Level, int? Year, string DocumentId, string FieldPath, string Label, decimal? Value, string State);

    public static IEnumerable<LongRow> Long(IReadOnlyList<ExportReport> reports, bool chinese) =>
        from r in reports
        from f in Template.Fields
        let v = r.Values.GetValueOrDefault(f.Path)
        select new LongRow(r.Group.AgencyName, r.Group.Region, r.Group.Level, r.Group.Year, r.Record.Id.ToString(), f.Path, FieldLabels.WithTable(f),
            v?.Value, ExportReports.StateName(v?.State ?? ValueStates.Missing, chinese));

    private static readonly (string Key, string Zh)[] LongHeaders =
        [("agency", "机关"), ("region", "地区"), ("level", "级别"), ("year", "年度"), ("documentId", "文档编号"), ("fieldPath", "字段路径"), ("label", "名称"), ("value", "数值"), ("state", "状态")];

    public static byte[] LongCsv(IReadOnlyList<ExportReport> reports, bool chinese) =>
        CsvExport.Write(LongHeaders.Select(h => chinese ? h.Zh : h.Key).ToList(),
            Long(reports, chinese).Select(x => new object?[] { x.Agency, x.Region, x.Level, x.Year, x.DocumentId, x.FieldPath, x.Label, x.Value, x.State }));

    /// <summary>Parquet for data tools: column names are the keys (agency … state); values as doubles (counts and 万元 amounts, exact well beyond any report).</summary>
    public static async Task<byte[]> LongParquetAsync(IReadOnlyList<ExportReport> reports, CancellationToken ct)
    {
        using var ms = new MemoryStream();
        var rows = Long(reports, chinese: false).Select(x => new ParquetLongRow
        {
            agency = x.Agency, region = x.Region, level = x.Level, year = x.Year, documentId = x.DocumentId,
            fieldPath = x.FieldPath, label = x.Label, value = x.Value is null ? null : (double)x.Value.Value, state = x.State,
        }).ToList();
        await ParquetSerializer.SerializeAsync(rows, ms, cancellationToken: ct);
        return ms.ToArray();
    }

    /// <summary>The row type Parquet.Net writes; lower-case names are the column names.</summary>
#pragma warning disable IDE1006, CA1707
    public sealed class ParquetLongRow
    {
        public string agency { get; set; } = "";
        public string region { get; set; } = "";
        public string level { get; set; } = "";
        public int? year { get; set; }
        public string documentId { get; set; } = "";
        public string fieldPath { get; set; } = "";
        public string label { get; set; } = "";
        public double? value { get; set; }
        public string state { get; set; } = "";
    }
#pragma warning restore IDE1006, CA1707

    /// <summary>
    /// XLSX of the selection: 1. 汇总 (one row per report, every field); 2. 表二, 表三, 表四, each with the table's
    /// header as the template prints it above one row per report; 3. 说明 (what the marks mean).
    /// </summary>
    public static async Task<byte[]> XlsxAsync(IReadOnlyList<ExportReport> reports, bool chinese, CancellationToken ct, IReadOnlyList<ReportFindings>? findings = null)
    {
        await using var x = await XlsxWriter.CreateAsync(ct);
        var identity = ExportReports.Identity.Select(h => chinese ? h.Zh : h.Key).ToList();
        double[] idWidths = [26, 26, 10, 8, 38, 30, 12, 8];

        await x.StartAsync(chinese ? "汇总" : "reports", 1, [.. idWidths, .. Template.Fields.Select(_ => 14.0)], ct);
        await x.HeaderRowAsync(identity.Concat(Template.Fields.Select(f => chinese ? FieldLabels.WithTable(f) : f.Path)), ct);
        await RowsAsync(x, reports, Template.Fields, 2, chinese, ct);

        foreach (var table in OfficialLayout.Tables)
        {
            var placed = OfficialLayout.Expand(table);
            var figures = placed.Where(p => p.Cell.IsFigure).OrderBy(p => p.Row).ThenBy(p => p.Column).Select(p => Template.Find(p.Cell.Path!)!).ToList();
            await x.StartAsync(table.Name, 2, [.. idWidths, .. figures.Select(_ => 12.0)], ct);
            // Row 1: the row label of each figure (table 三: 一、本年新收… over its seven columns); row 2: the column label.
            var groupRow = identity.Select(_ => "").Concat(figures.Select(f => f.RowLabel)).ToList();
            await x.HeaderRowAsync(groupRow, ct);
            await x.HeaderRowAsync(identity.Concat(figures.Select(f => f.ColumnLabel)), ct);
            var start = identity.Count;
            for (var i = 0; i < figures.Count;)
            {
                var j = i;
                while (j + 1 < figures.Count && figures[j + 1].RowKey == figures[i].RowKey && figures[j + 1].Table == figures[i].Table)
                {
                    j++;
                }
                if (j > i)
                {
                    x.Sheet.MergeCells($"{XlsxWriter.ColumnName(start + i)}1:{XlsxWriter.ColumnName(start + j)}1");
                }
                i = j + 1;
            }
            await RowsAsync(x, reports, figures, 3, chinese, ct);
        }

        if (findings is not null)
        {
            // 4. 问题: the rule pack's findings, one row per finding (the same rows as /api/analysis/quality?format=csv).
            await x.StartAsync(chinese ? "问题" : "findings", 1, [26, 26, 8, 38, 30, 24, 20, 8, 80, 40], ct);
            await x.HeaderRowAsync(QualityReports.Headers.Select(h => chinese ? h.Zh : h.Key), ct);
            foreach (var row in QualityReports.Rows(findings, chinese))
            {
                await x.Sheet.AddRowAsync(row.Select(XlsxWriter.Plain).ToList(), ct);
            }
        }

        await x.StartAsync(chinese ? "说明" : "legend", 0, [20, 80], ct);
        await x.Sheet.AddRowAsync([new Cell(chinese ? "待复核" : "review", x.Review), new Cell(chinese ? "机器未能确认的数值，尚待审核人复核（单元格附注：待复核）" : "a value still under review (cell note: review)")], ct);
        await x.Sheet.AddRowAsync([new Cell(chinese ? "已更正" : "corrected", x.Corrected), new Cell(chinese ? "审核人更正过的数值（单元格附注：已更正）" : "a value an auditor corrected (cell note: corrected)")], ct);
        await x.Sheet.AddRowAsync([new Cell(chinese ? "每份报告计一次" : "one row per report"), new Cell(chinese ? "同一机关同一年度的多个副本只计记录副本（记录依据：审核人指定、最近签核、最近提取）" : "copies of one agency-year count once: the report of record (chosen, signedOff, latest)")], ct);
        return await x.FinishAsync(ct);
    }

    private static async Task RowsAsync(XlsxWriter x, IReadOnlyList<ExportReport> reports, IReadOnlyList<FieldDef> fields, int firstRow, bool chinese, CancellationToken ct)
    {
        var r = firstRow;
        foreach (var report in reports)
        {
            var id = ExportReports.IdentityValues(report, chinese);
            var cells = id.Select(XlsxWriter.Plain).ToList();
            var states = new List<string>();
            foreach (var f in fields)
            {
                var v = report.Values.GetValueOrDefault(f.Path);
                var state = v?.State ?? ValueStates.Missing;
                cells.Add(x.Value(v?.Value, state));
                states.Add(state);
            }
            await x.Sheet.AddRowAsync(cells, ct);
            for (var i = 0; i < states.Count; i++)
            {
                x.Mark(r, id.Length + i, states[i], chinese);
            }
            r++;
        }
    }

    /// <summary>One report in the official layout: a sheet per table, drawn as printed, values marked.</summary>
    public static async Task<byte[]> OfficialXlsxAsync(ExportReport report, bool chinese, CancellationToken ct)
    {
        await using var x = await XlsxWriter.CreateAsync(ct);
        foreach (var table in OfficialLayout.Tables)
        {
            var placed = OfficialLayout.Expand(table);
            var width = table.Width;
            await x.StartAsync(table.Name, 0, Enumerable.Range(0, width).Select(c => table.Name == "表三" && c < 3 ? 24.0 : 14.0).ToList(), ct);
            await x.Sheet.AddRowAsync([new Cell($"{report.Group.AgencyName} {report.Group.Year} {table.Title}", x.Header)], ct);
            for (var row = 0; row < table.Rows.Count; row++)
            {
                var cells = new Cell[width];
                for (var c = 0; c < width; c++)
                {
                    cells[c] = new Cell((string?)null);
                }
                foreach (var p in placed.Where(p => p.Row == row))
                {
                    if (p.Cell.IsFigure)
                    {
                        var v = report.Values.GetValueOrDefault(p.Cell.Path!);
                        cells[p.Column] = x.Value(v?.Value, v?.State ?? ValueStates.Missing);
                    }
                    else
                    {
                        cells[p.Column] = new Cell(p.Cell.Text, x.Header);
                    }
                }
                await x.Sheet.AddRowAsync(cells, ct);
                foreach (var p in placed.Where(p => p.Row == row))
                {
                    var excelRow = row + 2;
                    if (p.Cell.IsFigure)
                    {
                        x.Mark(excelRow, p.Column, report.Values.GetValueOrDefault(p.Cell.Path!)?.State ?? ValueStates.Missing, chinese);
                    }
                    if (p.Cell.ColSpan > 1 || p.Cell.RowSpan > 1)
                    {
                        x.Sheet.MergeCells($"{XlsxWriter.ColumnName(p.Column)}{excelRow}:{XlsxWriter.ColumnName(p.Column + p.Cell.ColSpan - 1)}{excelRow + p.Cell.RowSpan - 1}");
                    }
                }
            }
        }
        return await x.FinishAsync(ct);
    }

    /// <summary>The coverage list as CSV or XLSX.</summary>
    public static byte[] CoverageCsv(CoverageDto c) =>
        CsvExport.Write(["机关", "地区", "级别", "年度", "状态", "文档编号", "文件名", "副本数", "待复核字段数"],
            c.Rows.Select(r => new object?[] { r.Agency, r.Region, r.Level, c.Year, r.StateZh, r.DocumentId?.ToString(), r.FileName, r.Copies, r.ReviewCount }));

    public static async Task<byte[]> CoverageXlsxAsync(CoverageDto c, CancellationToken ct)
    {
        await using var x = await XlsxWriter.CreateAsync(ct);
        await x.StartAsync("报送情况", 1, [30, 30, 10, 8, 12, 38, 30, 8, 12], ct);
        await x.HeaderRowAsync(["机关", "地区", "级别", "年度", "状态", "文档编号", "文件名", "副本数", "待复核字段数"], ct);
        foreach (var r in c.Rows)
        {
            await x.Sheet.AddRowAsync(new object?[] { r.Agency, r.Region, r.Level, c.Year, r.StateZh, r.DocumentId?.ToString(), r.FileName, r.Copies, r.ReviewCount }
                .Select(XlsxWriter.Plain).ToArray(), ct);
        }
        return await x.FinishAsync(ct);
    }
}
