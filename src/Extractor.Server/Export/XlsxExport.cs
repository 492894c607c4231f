using System.Drawing;
using Extractor.Server.Analysis;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace Extractor.Server.Export;

/// <summary>
/// XLSX files by SpreadCheetah: header row frozen, filters on it, column widths set; a value under review or
/// corrected has its cell filled (yellow, blue) and a note naming its state, so nobody takes it for a checked figure.
/// </summary>
public sealed class XlsxWriter : IAsyncDisposable
{
    private static readonly Color ReviewFill = Color.FromArgb(255, 255, 235, 156);
    private static readonly Color CorrectedFill = Color.FromArgb(255, 189, 215, 238);
    private readonly Spreadsheet _sheet;
    private readonly MemoryStream _stream;

    private XlsxWriter(Spreadsheet sheet, MemoryStream stream)
    {
        _sheet = sheet;
        _stream = stream;
        Header = sheet.AddStyle(new Style { Font = { Bold = true }, Fill = { Color = Color.FromArgb(255, 230, 230, 230) } });
        Review = sheet.AddStyle(new Style { Fill = { Color = ReviewFill } });
        Corrected = sheet.AddStyle(new Style { Fill = { Color = CorrectedFill } });
    }

    public StyleId Header { get; }
    public StyleId Review { get; }
    public StyleId Corrected { get; }
    public Spreadsheet Sheet => _sheet;

    public static async Task<XlsxWriter> CreateAsync(CancellationToken ct)
    {
        var stream = new MemoryStream();
        return new XlsxWriter(await Spreadsheet.CreateNewAsync(stream, cancellationToken: ct), stream);
    }

    /// <summary>Starts a sheet with <paramref name="headerRows"/> frozen rows, a filter over the last of them, and column widths.</summary>
    public async Task StartAsync(string name, int headerRows, IReadOnlyList<double> widths, CancellationToken ct)
    {
        var options = new WorksheetOptions();
        if (headerRows > 0)
        {
            options.FrozenRows = headerRows;
        }
        for (var i = 0; i < widths.Count; i++)
        {
            options.Column(i + 1).Width = widths[i];
        }
        if (headerRows > 0 && widths.Count > 0)
        {
            options.AutoFilter = new AutoFilterOptions($"A{headerRows}:{ColumnName(widths.Count - 1)}{headerRows}");
        }
        await _sheet.StartWorksheetAsync(name, options, ct);
    }

    public Task HeaderRowAsync(IEnumerable<string> headers, CancellationToken ct) =>
        _sheet.AddRowAsync(headers.Select(h => new Cell(h, Header)).ToArray(), ct).AsTask();

    /// <summary>A value cell, styled by its state.</summary>
    public Cell Value(decimal? value, string state) => new(value, StyleOf(state));

    public StyleId? StyleOf(string state) => state switch
    {
        ValueStates.Review => Review,
        ValueStates.Corrected => Corrected,
        _ => null,
    };

    public static Cell Plain(object? v) => v switch
    {
        null => new Cell((string?)null),
        decimal d => new Cell(d),
        int i => new Cell(i),
        _ => new Cell(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)),
    };

    /// <summary>Notes the state of every marked value of a row just written (row numbers are 1-based).</summary>
    public void Mark(int row, int column, string state, bool chinese)
    {
        if (ValueStates.IsMarked(state))
        {
            _sheet.AddNote($"{ColumnName(column)}{row}", chinese ? ValueStates.Chinese(state) : state);
        }
    }

    public async Task<byte[]> FinishAsync(CancellationToken ct)
    {
        await _sheet.FinishAsync(ct);
        return _stream.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _sheet.DisposeAsync();
        await _stream.DisposeAsync();
    }

    /// <summary>0 → A, 25 → Z, 26 → AA: spreadsheet column letters.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }
        return name;
    }
}

public static class XlsxExport
{
    /// <summary>The plain export (GET /api/export): one sheet, one row per report, values marked by state.</summary>
    public static async Task<byte[]> WriteAsync(ExportTable table, bool chinese, CancellationToken ct)
    {
        await using var x = await XlsxWriter.CreateAsync(ct);
        var widths = table.Headers.Select((h, i) => i < ExportTable.FixedCount ? 18.0 : 14.0).ToList();
        await x.StartAsync(chinese ? "报告" : "reports", 1, widths, ct);
        await x.HeaderRowAsync(table.Headers, ct);
        var r = 2;
        foreach (var (row, states) in table.Rows.Zip(table.States))
        {
            var cells = row.Select((v, i) => states[i] is { } s ? x.Value(v as decimal?, s) : XlsxWriter.Plain(v)).ToArray();
            await x.Sheet.AddRowAsync(cells, ct);
            for (var i = 0; i < states.Length; i++)
            {
                if (states[i] is { } s)
                {
                    x.Mark(r, i, s, chinese);
                }
            }
            r++;
        }
        return await x.FinishAsync(ct);
    }
}
