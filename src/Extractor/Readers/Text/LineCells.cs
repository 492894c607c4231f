using System.Text.RegularExpressions;
using Extractor.Mapping;
using Extractor.Text;

namespace Extractor.Readers.Text;

/// <summary>A piece of a text line that is one table cell, with its character offset in the line.</summary>
internal readonly record struct TextCell(string Text, int Offset);

/// <summary>Splits one line of a text rendition into cells, by the separator the line uses.</summary>
internal static partial class LineCells
{
    [GeneratedRegex(@"^(?<label>.*?\p{IsCJKUnifiedIdeographs}[^\d]*?)(?<digits>\d[\d.,]*)$")]
    private static partial Regex GluedDigits();

    [GeneratedRegex(@"\S+")]
    private static partial Regex Tokens();

    /// <summary>
    /// 1. tabs; 2. '|' (rows like "规章 | 0 | 0 |"); 3. white space, where the line ends in figures
    /// (space-aligned "pdftotext -layout" rows, and "规章 0 0 0"); 4. a label with its figures run
    /// together ("行政规范性文件693665"): the digits become one cell for the mapper to split.
    /// </summary>
    public static List<TextCell> Split(string line)
    {
        if (line.Contains('\t'))
        {
            return SplitOn(line, '\t', dropLastEmpty: false);
        }
        if (line.Contains('|'))
        {
            return SplitOn(line, '|', dropLastEmpty: true);
        }
        var tokens = Tokens().Matches(line).Select(m => new TextCell(m.Value, m.Index)).ToList();
        var firstValue = tokens.Count;
        while (firstValue > 0 && CellValueParser.IsValueLike(tokens[firstValue - 1].Text))
        {
            firstValue--;
        }
        if (firstValue < tokens.Count && firstValue > 0 && IsShortLabel(line[..tokens[firstValue].Offset]))
        {
            var label = new TextCell(line[..tokens[firstValue].Offset].Trim(), tokens[0].Offset);
            return [.. GlueSplit(label), .. tokens.Skip(firstValue)];
        }
        if (firstValue == 0 && tokens.Count > 0)
        {
            return tokens;
        }
        var whole = new TextCell(line.Trim(), tokens.Count > 0 ? tokens[0].Offset : 0);
        return whole.Text.Length == 0 ? [] : GlueSplit(whole);
    }

    /// <summary>"行政规范性文件693665" → label + "693665"; only for short label-like lines, not prose.</summary>
    private static List<TextCell> GlueSplit(TextCell cell)
    {
        if (cell.Text.Length < 2 || !char.IsDigit(cell.Text[^1]))
        {
            return [cell];
        }
        var m = GluedDigits().Match(cell.Text);
        if (!m.Success || !IsShortLabel(m.Groups["label"].Value) || EndsWithNumbering(m.Groups["label"].Value))
        {
            return [cell];
        }
        return
        [
            new TextCell(m.Groups["label"].Value.Trim(), cell.Offset),
            new TextCell(m.Groups["digits"].Value, cell.Offset + m.Groups["digits"].Index),
        ];
    }

    /// <summary>A label ending in "第" or an ordinal marker is followed by a number that is part of the label.</summary>
    private static bool EndsWithNumbering(string label) => label.TrimEnd().EndsWith('第') || label.TrimEnd().EndsWith("（") || label.TrimEnd().EndsWith("(");

    /// <summary>Short text with Han characters and no sentence punctuation: a row label, not prose.</summary>
    public static bool IsShortLabel(string text)
    {
        var t = text.Trim();
        return t.Length is > 0 and <= 70 && TextNormalizer.HasHan(t) && !t.Contains('。') && !t.EndsWith('：') && !t.EndsWith(':')
            && !t.Contains("年度报告") && !t.Contains("年报");
    }

    private static List<TextCell> SplitOn(string line, char separator, bool dropLastEmpty)
    {
        var cells = new List<TextCell>();
        var start = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i == line.Length || line[i] == separator)
            {
                var raw = line[start..i];
                var lead = raw.Length - raw.TrimStart().Length;
                cells.Add(new TextCell(raw.Trim(), start + lead));
                start = i + 1;
            }
        }
        if (dropLastEmpty && cells.Count > 1 && cells[^1].Text.Length == 0)
        {
            cells.RemoveAt(cells.Count - 1);
        }
        // Trailing empty cells of a tab row are padding, not blank figures, unless the row is all figures.
        return cells;
    }
}
