using Extractor.Model;
using Extractor.Results;

namespace Extractor.Mapping;

/// <summary>One figure of a row after the row's cells were fitted to the template's columns.</summary>
public sealed record ResolvedValue(decimal? Value, Cell? Cell, double CellConfidence, IReadOnlyList<string> Flags, List<decimal>? Alternatives = null);

/// <summary>
/// Fits the figure cells of a row to the number of columns the template prints: blanks padding
/// either end are dropped; a stray cell is removed only where the row's own arithmetic proves which
/// one it is; figures run together without separators are split only where the arithmetic leaves
/// one way to split them. Where it does not, the fields carry null with the candidates, for review.
/// Figures are never altered to make the arithmetic pass.
/// </summary>
public static class RowValues
{
    private const long MaxCandidates = 300_000;

    public static (List<ResolvedValue> Values, string? Problem) Resolve(IReadOnlyList<Cell> cells, int expected, Func<decimal[], bool>? check)
    {
        var (values, problem, _) = ResolveWithReadings(cells, expected, check);
        return (values, problem);
    }

    /// <summary>
    /// As <see cref="Resolve"/>; where the row stays ambiguous, also every full reading of it that the
    /// row check accepts (at most <see cref="MaxReadings"/>), so the table's identities across rows
    /// (column balances, 办理结果总计) can choose among them.
    /// </summary>
    public static (List<ResolvedValue> Values, string? Problem, List<decimal[]>? Readings) ResolveWithReadings(IReadOnlyList<Cell> cells, int expected, Func<decimal[], bool>? check)
    {
        _readings = null;
        var (values, problem) = ResolveCells(cells, expected, check);
        var readings = _readings;
        _readings = null;
        var ambiguous = values.Any(v => v.Flags.Contains(Flags.SplitAmbiguous));
        return (values.Select(Recognized).ToList(), problem, ambiguous && readings is { Count: > 1 and <= MaxReadings } ? readings : null);
    }

    /// <summary>The most readings of one ambiguous row handed on to the table's identities.</summary>
    public const int MaxReadings = 2_000;

    [ThreadStatic]
    private static List<decimal[]>? _readings;

    private static (List<ResolvedValue> Values, string? Problem) ResolveCells(IReadOnlyList<Cell> cells, int expected, Func<decimal[], bool>? check)
    {
        var list = cells.ToList();
        // Where zeros print blank inside the row, a blank at either end may be a zero and the stray
        // cell one inside: trimming the ends would shift the row silently. The row check decides.
        var firstFigure = list.FindIndex(c => !IsBlank(c));
        var lastFigure = list.FindLastIndex(c => !IsBlank(c));
        var blankInside = firstFigure >= 0 && list.Skip(firstFigure).Take(lastFigure - firstFigure).Any(IsBlank);
        if (check is not null && list.Count > expected && list.Count - expected <= 2 && blankInside)
        {
            return RemoveStray(list, expected, check);
        }
        while (list.Count > expected && IsBlank(list[0]))
        {
            list.RemoveAt(0);
        }
        while (list.Count > expected && IsBlank(list[^1]))
        {
            list.RemoveAt(list.Count - 1);
        }
        if (list.Count == expected)
        {
            return (list.Select(Plain).ToList(), null);
        }
        if (list.Count > expected)
        {
            return RemoveStray(list, expected, check);
        }
        var split = SplitGlued(list, expected, check);
        return split.Item1.All(v => v.Value is null && v.Alternatives is null) && list.Count < expected ? Better(split, PlaceVanished(list, expected, check)) : split;
    }

    /// <summary>The placement where it read anything, else the split's own reason.</summary>
    private static (List<ResolvedValue>, string?) Better((List<ResolvedValue>, string?) split, (List<ResolvedValue>, string?) placed) =>
        placed.Item1.Any(v => v.Value is not null || v.Alternatives is not null) ? placed : split;

    private static bool IsBlank(Cell cell) => CellValueParser.Parse(cell.Text).IsBlank;

    private static ResolvedValue Plain(Cell cell)
    {
        var parsed = CellValueParser.Parse(cell.Text);
        var value = parsed.Kind switch
        {
            CellKind.Number => new ResolvedValue(parsed.Value, cell, 1.0, []),
            CellKind.Blank => new ResolvedValue(0, cell, 0.97, [Flags.BlankAsZero]),
            _ => new ResolvedValue(null, cell, 0, [Flags.NotANumber]),
        };
        return value;
    }

    /// <summary>
    /// Recognition certainty below which an OCR figure is <see cref="Flags.OcrUnsure"/>: only the two
    /// recognisers agreeing (0.9) or one clean, confident digits read (0.85) are sure.
    /// </summary>
    public const double MinSureRecognition = 0.85;

    /// <summary>A recognised (OCR) cell is only as certain as its recognition: balanced checks must confirm it.</summary>
    private static ResolvedValue Recognized(ResolvedValue value) =>
        value.Cell?.Confidence is double recognized && !value.Flags.Contains(Flags.Ocr)
            ? value with
            {
                CellConfidence = Math.Min(value.CellConfidence, recognized),
                Flags = recognized < MinSureRecognition ? [.. value.Flags, Flags.Ocr, Flags.OcrUnsure] : [.. value.Flags, Flags.Ocr],
            }
            : value;

    private static decimal? ValueOf(Cell cell)
    {
        var parsed = CellValueParser.Parse(cell.Text);
        return parsed.Kind switch { CellKind.Number => parsed.Value, CellKind.Blank => 0, _ => null };
    }

    /// <summary>Too many cells: try each way of dropping the extra ones; keep the ways the row check accepts.</summary>
    private static (List<ResolvedValue>, string?) RemoveStray(List<Cell> cells, int expected, Func<decimal[], bool>? check)
    {
        var extra = cells.Count - expected;
        if (extra > 2)
        {
            return (Unresolved(expected), $"{cells.Count} cells for {expected} columns");
        }
        var candidates = new List<List<Cell>>();
        foreach (var drop in Combinations(cells.Count, extra))
        {
            var kept = cells.Where((_, i) => !drop.Contains(i)).ToList();
            var values = kept.Select(ValueOf).ToList();
            if (values.Any(v => v is null))
            {
                continue;
            }
            if (check is null || check(values.Select(v => v!.Value).ToArray()))
            {
                candidates.Add(kept);
            }
        }
        if (candidates.Count == 0)
        {
            return (Unresolved(expected), $"{cells.Count} cells for {expected} columns and no stray cell explains the row's arithmetic");
        }
        // Dropping every nonzero figure the row prints always balances it (0 = 0): that explains
        // nothing, so such a reading counts only when it is the only one.
        var printsFigures = cells.Any(c => ValueOf(c) is { } v && v != 0);
        if (printsFigures && candidates.Any(k => k.Any(c => ValueOf(c) != 0)))
        {
            candidates.RemoveAll(k => k.All(c => ValueOf(c) == 0));
        }
        var result = new List<ResolvedValue>(expected);
        var ambiguous = false;
        for (var i = 0; i < expected; i++)
        {
            var options = candidates.Select(k => ValueOf(k[i])!.Value).Distinct().ToList();
            if (options.Count == 1 && (check is not null || candidates.Count == 1))
            {
                var plain = Plain(candidates[0][i]);
                result.Add(plain with { CellConfidence = Math.Min(plain.CellConfidence, 0.93), Flags = [.. plain.Flags, Flags.CellRepaired] });
            }
            else
            {
                ambiguous = true;
                result.Add(new ResolvedValue(null, candidates[0][i], 0, [Flags.CellRepaired, Flags.SplitAmbiguous], options));
            }
        }
        return (result, ambiguous ? $"{cells.Count} cells for {expected} columns; which one is stray is not certain" : null);
    }

    /// <summary>Too few cells: one cell of run-together digits is split so that the row check holds.</summary>
    private static (List<ResolvedValue>, string?) SplitGlued(List<Cell> cells, int expected, Func<decimal[], bool>? check)
    {
        var glued = cells.Select((c, i) => (c, i)).Where(x => IsDigitRun(x.c.Text)).ToList();
        if (glued.Count != 1)
        {
            return PlaceVanished(cells, expected, check);
        }
        var (cell, index) = glued[0];
        var digits = Compact(cell.Text);
        var parts = expected - cells.Count + 1;
        if (parts > digits.Length || Binomial(digits.Length - 1, parts - 1) > MaxCandidates)
        {
            return (Unresolved(expected), $"{cells.Count} cells for {expected} columns");
        }
        var fixedBefore = cells.Take(index).Select(ValueOf).ToList();
        var fixedAfter = cells.Skip(index + 1).Select(ValueOf).ToList();
        if (fixedBefore.Concat(fixedAfter).Any(v => v is null))
        {
            return (Unresolved(expected), $"{cells.Count} cells for {expected} columns");
        }
        var valid = new List<decimal[]>();
        foreach (var split in Splits(digits, parts))
        {
            var row = fixedBefore.Select(v => v!.Value).Concat(split).Concat(fixedAfter.Select(v => v!.Value)).ToArray();
            if (check is null || check(row))
            {
                valid.Add(row);
            }
        }
        if (valid.Count == 0)
        {
            var placed = PlaceVanished(cells, expected, check);
            return placed.Item2 is null || placed.Item1.Any(v => v.Value is not null || v.Alternatives is not null)
                ? placed
                : (Unresolved(expected), $"the run-together figures '{digits}' cannot be split so that the row adds up");
        }
        _readings = valid;
        var result = new List<ResolvedValue>(expected);
        var ambiguous = false;
        for (var i = 0; i < expected; i++)
        {
            var source = i < index ? cells[i] : i >= index + parts ? cells[i - parts + 1] : cell;
            if (source != cell)
            {
                result.Add(Plain(source));
                continue;
            }
            var options = valid.Select(v => v[i]).Distinct().ToList();
            if (options.Count == 1 && (check is not null || valid.Count == 1))
            {
                result.Add(new ResolvedValue(options[0], cell, 0.93, [Flags.SplitByArithmetic]));
            }
            else
            {
                ambiguous = true;
                result.Add(new ResolvedValue(null, cell, 0, [Flags.SplitAmbiguous], options));
            }
        }
        return (result, ambiguous ? (check is null ? $"the run-together figures '{digits}' split in {valid.Count} ways and the table has no arithmetic to choose" : $"the run-together figures '{digits}' split in {valid.Count} ways that all add up") : null);
    }

    /// <summary>
    /// Too few figures, each one a number: raw text where blank cells vanished (「3.其他 5 5」 for a
    /// row of seven). Each way of putting the figures, in their order, into the columns, the others
    /// blank (0), that the row check accepts is a reading; one reading alone places them
    /// (<see cref="Flags.CellRepaired"/>), several leave the fields for review with the alternatives
    /// (and hand the readings to the table's identities). Without a check nothing is placed.
    /// </summary>
    private static (List<ResolvedValue>, string?) PlaceVanished(List<Cell> cells, int expected, Func<decimal[], bool>? check)
    {
        var figures = cells.Where(c => !IsBlank(c)).ToList();
        var values = figures.Select(ValueOf).ToList();
        if (check is null || figures.Count == 0 || figures.Count >= expected || values.Any(v => v is null) || Binomial(expected, figures.Count) > MaxCandidates)
        {
            return (Unresolved(expected), $"{cells.Count} cells for {expected} columns");
        }
        var valid = new List<(decimal[] Row, int[] Positions)>();
        foreach (var positions in Positions(expected, figures.Count))
        {
            var row = new decimal[expected];
            for (var k = 0; k < positions.Length; k++)
            {
                row[positions[k]] = values[k]!.Value;
            }
            if (check(row))
            {
                valid.Add((row, positions));
            }
        }
        if (valid.Count == 0)
        {
            return (Unresolved(expected), $"{figures.Count} figures for {expected} columns and no placement of them adds up");
        }
        _readings = valid.Select(v => v.Row).ToList();
        var result = new List<ResolvedValue>(expected);
        var ambiguous = false;
        for (var i = 0; i < expected; i++)
        {
            var options = valid.Select(v => v.Row[i]).Distinct().ToList();
            var sources = valid.Select(v => Array.IndexOf(v.Positions, i)).Distinct().ToList();
            var cell = sources.Count == 1 && sources[0] >= 0 ? figures[sources[0]] : null;
            if (options.Count == 1)
            {
                var flags = cell is null ? new[] { Flags.BlankAsZero, Flags.CellRepaired } : [Flags.CellRepaired];
                result.Add(new ResolvedValue(options[0], cell, 0.93, flags));
            }
            else
            {
                ambiguous = true;
                result.Add(new ResolvedValue(null, cell, 0, [Flags.CellRepaired, Flags.SplitAmbiguous], options));
            }
        }
        return (result, ambiguous ? $"{figures.Count} figures for {expected} columns fit {valid.Count} ways that all add up" : null);
    }

    /// <summary>Increasing position sets: where k figures, in order, may sit among n columns.</summary>
    private static IEnumerable<int[]> Positions(int n, int k)
    {
        var current = new int[k];
        return Recurse(0, 0);

        IEnumerable<int[]> Recurse(int from, int index)
        {
            if (index == k)
            {
                yield return (int[])current.Clone();
                yield break;
            }
            for (var p = from; p <= n - (k - index); p++)
            {
                current[index] = p;
                foreach (var r in Recurse(p + 1, index + 1))
                {
                    yield return r;
                }
            }
        }
    }

    private static List<ResolvedValue> Unresolved(int expected) =>
        Enumerable.Range(0, expected).Select(_ => new ResolvedValue(null, null, 0, [])).ToList();

    private static string Compact(string text) => Text.TextNormalizer.Normalize(text).Replace(" ", "", StringComparison.Ordinal);

    private static bool IsDigitRun(string text)
    {
        var c = Compact(text);
        return c.Length >= 2 && c.All(char.IsAsciiDigit);
    }

    /// <summary>All ways to cut a digit string into <paramref name="parts"/> numbers without leading zeros.</summary>
    private static IEnumerable<decimal[]> Splits(string digits, int parts)
    {
        var current = new decimal[parts];
        return Recurse(0, 0);

        IEnumerable<decimal[]> Recurse(int start, int part)
        {
            if (part == parts - 1)
            {
                var rest = digits[start..];
                if (rest.Length > 0 && (rest.Length == 1 || rest[0] != '0') && rest.Length <= 12)
                {
                    current[part] = decimal.Parse(rest);
                    yield return (decimal[])current.Clone();
                }
                yield break;
            }
            var maxLen = digits.Length - start - (parts - part - 1);
            for (var len = 1; len <= Math.Min(maxLen, 12); len++)
            {
                if (len > 1 && digits[start] == '0')
                {
                    break;
                }
                current[part] = decimal.Parse(digits.AsSpan(start, len));
                foreach (var s in Recurse(start + len, part + 1))
                {
                    yield return s;
                }
            }
        }
    }

    private static IEnumerable<HashSet<int>> Combinations(int n, int k)
    {
        if (k == 1)
        {
            for (var i = 0; i < n; i++)
            {
                yield return [i];
            }
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    yield return [i, j];
                }
            }
        }
    }

    private static double Binomial(int n, int k)
    {
        double r = 1;
        for (var i = 1; i <= k; i++)
        {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}
