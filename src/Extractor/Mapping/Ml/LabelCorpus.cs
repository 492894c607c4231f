using Extractor.Mapping.Rules;

namespace Extractor.Mapping.Ml;

/// <summary>One labelled label: what a reader produced, for which task, and the class it means.</summary>
public sealed record LabelExample(LabelTask Task, string Text, string Key);

/// <summary>How much data to generate. The defaults train the committed model; tests use small numbers.</summary>
public sealed record CorpusOptions
{
    public int Seed { get; init; } = 2021_30;
    public int VariantsPerClass { get; init; } = 250;
    public int NonePerTask { get; init; } = 300;
}

/// <summary>
/// The training data of the label model, all from the repository: the template's labels and the
/// rules' variant dictionary (<see cref="LabelSpace"/>), labels harvested from testdata (by the
/// caller), and generated noise. The noisy test set is drawn with another seed and kept apart:
/// no test text equals a training text.
/// </summary>
public static class LabelCorpus
{
    /// <summary>Texts that are no label of a task: headings, prose, header words, other tables' labels.</summary>
    private static readonly string[] Junk =
    [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况", "六、其他需要报告的事项", "申请人情况", "法人或其他组织", "信息内容", "本年制发件数",
        "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额（单位：万元）", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "单位：件", "注：", "备注", "序号", "项目", "合计（件）", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉",
        "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "本年新制作数量", "本年新公开数量",
        "对外公开总数量", "上一年项目数量", "本年增/减", "采购项目数量", "采购总金额", "政府网站", "政务新媒体", "发布信息数量",
        "全年共收到政府信息公开申请", "依申请公开办理情况", "主动公开政府信息", "人民政府办公室", "街道办事处", "联系电话",
        "本报告中所列数据的统计期限", "政策解读", "新闻发布会", "栏目", "年度报告", "页", "第1页", "共3页", "统计表",
    ];

    private static readonly Dictionary<LabelTask, List<(string Key, string Core)>> FormCores = LabelSpace.Tasks.ToDictionary(
        t => t,
        t => LabelSpace.ClassesOf(t).SelectMany(c => c.Forms.Select(f => (c.Key, LabelNormalizer.Normalize(f).Core))).ToList());

    public static List<LabelExample> Training(CorpusOptions options, IEnumerable<LabelExample>? harvested = null)
    {
        var random = new Random(options.Seed);
        var noise = new LabelNoise(random);
        var examples = new List<LabelExample>();
        foreach (var task in LabelSpace.Tasks)
        {
            foreach (var cls in LabelSpace.ClassesOf(task))
            {
                // Every printed form as is, twice: the model must be sure of them.
                foreach (var form in cls.Forms)
                {
                    examples.Add(new LabelExample(task, form, cls.Key));
                    examples.Add(new LabelExample(task, form, cls.Key));
                }
                examples.AddRange(Variants(task, cls, noise, random, options.VariantsPerClass));
            }
            if (task != LabelTask.Table)
            {
                examples.AddRange(NoneExamples(task, noise, random, options.NonePerTask));
            }
        }
        if (harvested is not null)
        {
            examples.AddRange(harvested);
        }
        return examples;
    }

    /// <summary>
    /// Noisy labels of one task drawn with a seed of their own, none equal (after normalisation) to a
    /// training text and none ambiguous (contained in another class's printed form).
    /// </summary>
    public static List<LabelExample> NoisyTestSet(LabelTask task, int seed, int perClass, IReadOnlyCollection<LabelExample> training)
    {
        var seen = training.Where(e => e.Task == task).Select(e => ModelText(e.Text)).ToHashSet(StringComparer.Ordinal);
        var random = new Random(seed);
        var noise = new LabelNoise(random);
        var result = new List<LabelExample>();
        foreach (var cls in LabelSpace.ClassesOf(task))
        {
            foreach (var e in Variants(task, cls, noise, random, perClass))
            {
                if (seen.Add(ModelText(e.Text)))
                {
                    result.Add(e);
                }
            }
        }
        return result;
    }

    /// <summary>What the model sees of a label: NFKC, no spaces or quotes (as the rules compare); tables capped at their header.</summary>
    public static string ModelText(string raw)
    {
        var compact = LabelNormalizer.Compact(raw);
        return compact.Length > 80 ? compact[..80] : compact;
    }

    private static IEnumerable<LabelExample> Variants(LabelTask task, LabelClass cls, LabelNoise noise, Random random, int count)
    {
        var made = 0;
        for (var attempt = 0; made < count && attempt < count * 4; attempt++)
        {
            var form = cls.Forms[random.Next(cls.Forms.Count)];
            var text = task == LabelTask.Table
                ? noise.Perturb(form, cls.Parents)
                : noise.Perturb(form, cls.Parents, cut => !IsAmbiguous(task, cls.Key, cut));
            if (task != LabelTask.Table && IsAmbiguous(task, cls.Key, text))
            {
                continue;
            }
            made++;
            yield return new LabelExample(task, text, cls.Key);
        }
    }

    private static IEnumerable<LabelExample> NoneExamples(LabelTask task, LabelNoise noise, Random random, int count)
    {
        var pool = Junk.Concat(LabelSpace.Tasks.Where(t => t != task && t != LabelTask.Table)
            .SelectMany(t => LabelSpace.ClassesOf(t)).SelectMany(c => c.Forms)).ToList();
        var made = 0;
        for (var attempt = 0; made < count && attempt < count * 4; attempt++)
        {
            // Mostly what really surrounds labels (headers, headings, other tables' labels); a little gibberish.
            var text = random.Next(8) switch
            {
                0 => RandomHan(random),
                1 or 2 or 3 => noise.Mutate(pool[random.Next(pool.Count)]),
                _ => pool[random.Next(pool.Count)],
            };
            if (Claims(task, text))
            {
                continue;
            }
            made++;
            yield return new LabelExample(task, text, LabelSpace.None);
        }
    }

    /// <summary>True when the text could be a cut or variant of one of the task's classes other than <paramref name="key"/>.</summary>
    public static bool IsAmbiguous(LabelTask task, string key, string text)
    {
        var core = LabelNormalizer.Normalize(text).Core;
        if (core.Length == 0)
        {
            return true;
        }
        return FormCores[task].Any(f => f.Key != key && f.Core.Contains(core, StringComparison.Ordinal));
    }

    /// <summary>A junk text that equals or is part of one of the task's own labels is no junk.</summary>
    private static bool Claims(LabelTask task, string text)
    {
        var core = LabelNormalizer.Normalize(text).Core;
        return core.Length == 0 || FormCores[task].Any(f => f.Core.Contains(core, StringComparison.Ordinal));
    }

    private static string RandomHan(Random random)
    {
        var length = 2 + random.Next(12);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)random.Next(0x4E00, 0x9FA5);
        }
        return new string(chars);
    }
}
