using Extractor.Mapping;
using Extractor.Model;

namespace Extractor.Readers.Text;

/// <summary>
/// Collects the lines of a text rendition into text blocks and tables. A table is a run of rows;
/// section headings and prose end it, blank lines do not (tables are often broken by blank lines).
/// </summary>
internal sealed class TableRunBuilder(LayoutDocument document, string strategy)
{
    private readonly List<Cell> _cells = [];
    private int _row;
    private int _tableOffset = -1;

    // One-cell-per-line state: the cells of the row being rebuilt, and the text of a '|'-separated cell.
    private readonly List<Cell> _pendingRow = [];
    private readonly List<(string Text, int Offset, int Line)> _cellParts = [];
    private bool _lastWasSeparator;
    private PipeStyle? _pipeStyle;

    private enum PipeStyle { None, Marks, Separators }

    public void Text(string text, PlainTextReader.Line line)
    {
        Flush();
        document.Blocks.Add(new TextBlock(text, new Provenance(Offset: line.Offset, Line: line.Number)));
    }

    public void BlankLine(bool cellPerLine)
    {
        if (cellPerLine && _pipeStyle == PipeStyle.None)
        {
            EndCellPart();
        }
    }

    /// <summary>Row-per-line layouts: a line is a row when it has several cells or a figure.</summary>
    public void RowLine(PlainTextReader.Line line)
    {
        var cells = LineCells.Split(line.Text);
        if (cells.Count == 0)
        {
            return;
        }
        var hasValue = cells.Any(c => c.Text.Length > 0 && CellValueParser.IsValueLike(c.Text));
        if (cells.Count(c => c.Text.Length > 0) < 2 && !hasValue && _tableOffset < 0 && !LooksLikeTableCaption(cells[0].Text))
        {
            document.Blocks.Add(new TextBlock(line.Text.Trim(), new Provenance(Offset: line.Offset, Line: line.Number)));
            return;
        }
        AddRow(cells.Select(c => (c.Text, line.Offset + c.Offset, line.Number)).ToList());
    }

    /// <summary>A row whose cells were already found (a flattened line cut at the template's labels, <see cref="FlattenedTables"/>).</summary>
    public void CellsRow(List<(string Text, int Offset)> cells, int lineNumber)
    {
        EndCellPart();
        FlushPendingRow();
        AddRow(cells.Select(c => (c.Text, c.Offset, lineNumber)).ToList());
    }

    /// <summary>One-cell-per-line layouts: cells stream in; a label after a figure starts a new row.</summary>
    public void CellLine(PlainTextReader.Line line)
    {
        var t = line.Text.Trim();
        _pipeStyle ??= DetectPipeStyle(t);
        if (t.Length > 0 && t.All(c => c == '|'))
        {
            if (_pipeStyle == PipeStyle.Separators)
            {
                if (_lastWasSeparator && _cellParts.Count == 0)
                {
                    Emit("", line.Offset, line.Number);
                }
                EndCellPart();
                _lastWasSeparator = true;
            }
            else
            {
                for (var i = 0; i < t.Length; i++)
                {
                    Emit("", line.Offset, line.Number);
                }
            }
            return;
        }
        _lastWasSeparator = false;
        if (t.Contains('|'))
        {
            foreach (var part in LineCells.Split(t))
            {
                Emit(part.Text, line.Offset + part.Offset, line.Number);
            }
            return;
        }
        if (_pipeStyle == PipeStyle.Separators)
        {
            _cellParts.Add((t, line.Offset, line.Number));
            return;
        }
        foreach (var part in LineCells.Split(t))
        {
            Emit(part.Text, line.Offset + part.Offset, line.Number);
        }
    }

    public void Flush()
    {
        EndCellPart();
        FlushPendingRow();
        if (_cells.Count > 0)
        {
            document.Blocks.Add(new TableBlock(new Table([.. _cells], new Provenance(Offset: _tableOffset), strategy)));
        }
        _cells.Clear();
        _row = 0;
        _tableOffset = -1;
    }

    private static readonly string[] CaptionWords = ["第二十条", "信息内容", "勾稽", "申请人情况", "行政复议", "结果维持"];

    private static bool LooksLikeTableCaption(string text) => CaptionWords.Any(w => text.Contains(w, StringComparison.Ordinal));

    private static PipeStyle? DetectPipeStyle(string line)
    {
        if (line.Length == 0)
        {
            return null;
        }
        if (line == "|")
        {
            return PipeStyle.Separators;
        }
        return line.EndsWith('|') ? PipeStyle.Marks : null;
    }

    private void EndCellPart()
    {
        if (_cellParts.Count == 0)
        {
            return;
        }
        var text = string.Concat(_cellParts.Select(p => p.Text));
        var first = _cellParts[0];
        _cellParts.Clear();
        foreach (var part in LineCells.Split(text))
        {
            Emit(part.Text, first.Offset + part.Offset, first.Line);
        }
    }

    private void Emit(string text, int offset, int line)
    {
        var isValue = text.Length == 0 || CellValueParser.IsValueLike(text);
        if (!isValue && _pendingRow.Any(c => c.Text.Length == 0 || CellValueParser.IsValueLike(c.Text)))
        {
            FlushPendingRow();
        }
        _pendingRow.Add(new Cell(0, _pendingRow.Count, text, new Provenance(Offset: offset, Line: line)));
    }

    private void FlushPendingRow()
    {
        if (_pendingRow.Count == 0)
        {
            return;
        }
        AddRow(_pendingRow.Select(c => (c.Text, c.Provenance.Offset ?? 0, c.Provenance.Line ?? 0)).ToList());
        _pendingRow.Clear();
    }

    private void AddRow(List<(string Text, int Offset, int Line)> cells)
    {
        if (_tableOffset < 0)
        {
            _tableOffset = cells[0].Offset;
        }
        for (var c = 0; c < cells.Count; c++)
        {
            _cells.Add(new Cell(_row, c, cells[c].Text, new Provenance(Offset: cells[c].Offset, Line: cells[c].Line)));
        }
        _row++;
    }
}
