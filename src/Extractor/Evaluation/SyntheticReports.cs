using System.Globalization;
using System.Text;
using Extractor.Mapping.Ml;
using Extractor.Schema;

namespace Extractor.Evaluation;

/// <summary>A generated labelled document: its text and what it prints.</summary>
public sealed record SyntheticReport(string Name, string Text, TruthFile Truth);

/// <summary>
/// Generates labelled reports in the tab-separated text layout for fitting the confidence
/// calibration and choosing the ok threshold: consistent figures, then the defects real reports
/// have — noisy row labels, blank zeros, a printed figure that breaks the arithmetic, a missing
/// row, two rows printed in the wrong order, a stray cell. The truth is what the text prints.
/// </summary>
public sealed class SyntheticReports(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Applicants = Template.ApplicantColumns.Take(6).Select(c => c.Key).ToArray();

    public IEnumerable<SyntheticReport> Generate(int count)
    {
        var noise = new LabelNoise(_random);
        for (var d = 0; d < count; d++)
        {
            yield return One($"synthetic-{d:D4}", noise);
        }
    }

    private SyntheticReport One(string name, LabelNoise noise)
    {
        var truth = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        var figures = Figures();
        var labelNoise = new[] { 0.0, 0.2, 0.5, 0.9 }[_random.Next(4)];
        var heavy = _random.NextDouble() < 0.3;
        var blankZeros = _random.NextDouble() < 0.3;
        var typoRow = _random.NextDouble() < 0.15 ? _random.Next(Template.ApplicationRows.Count) : -1;
        var missing = Enumerable.Range(0, _random.NextDouble() < 0.2 ? 1 + _random.Next(3) : 0).Select(_ => 2 + _random.Next(20)).ToHashSet();
        var swapRow = _random.NextDouble() < 0.1 ? 2 + _random.Next(21) : -1;
        var strayRow = _random.NextDouble() < 0.1 ? _random.Next(Template.ApplicationRows.Count) : -1;
        var collapsed = _random.NextDouble() < 0.2;

        var sb = new StringBuilder();
        var agency = "某某县第" + (1 + _random.Next(40)).ToString(CultureInfo.InvariantCulture) + "街道办事处";
        sb.AppendLine($"{agency}2023年政府信息公开工作年度报告").AppendLine();
        sb.AppendLine("一、总体情况").AppendLine("本年度依法做好政府信息公开工作。").AppendLine();
        sb.AppendLine("二、主动公开政府信息情况").AppendLine();
        foreach (var row in Template.ActiveRows)
        {
            sb.AppendLine(row.GroupLabel).AppendLine("信息内容\t" + string.Join("\t", row.Columns.Select(c => c.Label)));
            var values = row.Columns.Select(c => (Path: Template.ActivePath(row, c.Key), Value: (decimal)_random.Next(0, 30))).ToList();
            sb.AppendLine(row.RowLabel + "\t" + string.Join("\t", values.Select(v => Print(v.Value, blankZeros))));
            values.ForEach(v => truth[v.Path] = v.Value);
            sb.AppendLine();
        }
        sb.AppendLine("三、收到和处理政府信息公开申请情况").AppendLine();
        sb.AppendLine("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况");
        sb.AppendLine("\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计");
        sb.AppendLine("\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他");
        var order = Enumerable.Range(0, Template.ApplicationRows.Count).ToList();
        if (swapRow >= 0)
        {
            (order[swapRow], order[swapRow + 1]) = (order[swapRow + 1], order[swapRow]);
        }
        string? lastGroup = null;
        foreach (var index in order)
        {
            var row = Template.ApplicationRows[index];
            var paths = Template.ApplicantColumns.Select(c => Template.ApplicationPath(row.Key, c.Key)).ToList();
            if (missing.Contains(index))
            {
                paths.ForEach(p => truth[p] = null);
                continue;
            }
            var values = paths.Select(p => figures[p]).ToList();
            if (index == typoRow)
            {
                var c = _random.Next(7);
                values[c] = Misprint(values[c]);
            }
            var label = row.Label;
            if (_random.NextDouble() < labelNoise)
            {
                label = noise.Perturb(label, []);
                label = heavy ? noise.Perturb(label, []) : label;
                label = label.Replace("\t", "", StringComparison.Ordinal);
            }
            var prefix = row.Group.Length == 0 ? "" : lastGroup != row.Group ? row.Group : "";
            lastGroup = row.Group.Length == 0 ? null : row.Group;
            var sub = row.SubLabel ?? "";
            var cells = values.Select(v => Print(v, blankZeros)).ToList();
            if (index == strayRow)
            {
                // Inside the row: a blank padding either end is dropped by the reader's rule, and where
                // zeros print blank no reading can tell which blank is the stray one.
                cells.Insert(1 + _random.Next(cells.Count - 1), "");
            }
            sb.AppendLine($"{prefix}\t{sub}\t{label}\t{string.Join("\t", cells)}");
            for (var k = 0; k < 7; k++)
            {
                truth[paths[k]] = values[k];
            }
        }
        sb.AppendLine().AppendLine("四、政府信息公开行政复议、行政诉讼情况").AppendLine();
        sb.AppendLine("行政复议\t\t\t\t\t行政诉讼");
        sb.AppendLine(string.Join("\t", Enumerable.Repeat("结果维持\t结果纠正\t其他结果\t尚未审结\t总计", 3)));
        var review = new List<string>();
        foreach (var group in Template.ReviewGroups)
        {
            var parts = Enumerable.Range(0, 4).Select(_ => (decimal)(_random.Next(3) == 0 ? _random.Next(1, 6) : 0)).ToList();
            parts.Add(parts.Sum());
            for (var k = 0; k < 5; k++)
            {
                truth[Template.ReviewPath(group.Key, Template.ReviewOutcomes[k].Key)] = parts[k];
                review.Add(Print(parts[k], blankZeros));
            }
        }
        sb.AppendLine(string.Join("\t", review)).AppendLine();
        sb.AppendLine("五、存在的主要问题及改进情况").AppendLine("公开内容有待丰富。").AppendLine();
        sb.AppendLine("六、其他需要报告的事项").AppendLine("无。");
        var text = sb.ToString();
        if (collapsed)
        {
            // Pasted text whose tabs became single spaces: a blank cell leaves no trace in its row.
            text = string.Join('\n', text.Split('\n').Select(line => line.Contains('\t', StringComparison.Ordinal)
                ? string.Join(' ', line.Split('\t').Where(c => c.Length > 0))
                : line));
        }
        return new SyntheticReport(name, text, new TruthFile { Agency = agency, Year = 2023, Fields = truth });
    }

    /// <summary>Figures for which every check of the template holds.</summary>
    private Dictionary<string, decimal> Figures()
    {
        var f = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var outcomes = Template.ApplicationRows.Where(r => r.Group.Length > 0 && r.Key != "resultsTotal").ToList();
        var scale = 1 + _random.Next(30);
        foreach (var c in Applicants)
        {
            decimal sum = 0;
            foreach (var r in outcomes)
            {
                var v = _random.NextDouble() < 0.35 ? 1 + (int)(-Math.Log(1 - _random.NextDouble()) * scale * 0.3) : 0;
                f[Template.ApplicationPath(r.Key, c)] = v;
                sum += v;
            }
            f[Template.ApplicationPath("resultsTotal", c)] = sum;
            decimal carriedOver = _random.Next(0, 3), carriedForward = _random.Next(0, 3);
            carriedOver = Math.Min(carriedOver, sum + carriedForward);
            f[Template.ApplicationPath("carriedOver", c)] = carriedOver;
            f[Template.ApplicationPath("carriedForward", c)] = carriedForward;
            f[Template.ApplicationPath("newReceived", c)] = sum + carriedForward - carriedOver;
        }
        foreach (var r in Template.ApplicationRows)
        {
            f[Template.ApplicationPath(r.Key, "total")] = Applicants.Sum(c => f[Template.ApplicationPath(r.Key, c)]);
        }
        return f;
    }

    /// <summary>A figure as misprinted in a report: a digit dropped or doubled, or off by some.</summary>
    private decimal Misprint(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return _random.Next(3) switch
        {
            0 when text.Length > 1 => decimal.Parse(text.Remove(_random.Next(text.Length), 1), CultureInfo.InvariantCulture),
            1 => decimal.Parse(text + text[^1], CultureInfo.InvariantCulture),
            _ => value + 1 + _random.Next(9),
        };
    }

    private string Print(decimal value, bool blankZeros) =>
        value == 0 && blankZeros && _random.Next(2) == 0 ? "" : value.ToString(CultureInfo.InvariantCulture);
}
