using System.Text;
using System.Text.RegularExpressions;

namespace Extractor.Mapping.Ml;

/// <summary>
/// Makes a label look the way readers deliver it from real reports: OCR confusions of similar
/// glyphs, dropped, doubled, swapped or stray characters, traditional characters, numbering lost or
/// restyled, a parent label glued in front, half a label cut at a line break, spaces and line breaks
/// inside. Deterministic for a given <see cref="Random"/> (seeded by the caller).
/// </summary>
public sealed partial class LabelNoise(Random random)
{
    [GeneratedRegex(@"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．]|[（(]\d{1,2}[）)])")]
    private static partial Regex LeadingNumbering();

    /// <summary>Glyphs OCR and bad font maps confuse (one-way: printed → read).</summary>
    private static readonly Dictionary<char, string> Confusions = Pairs(
        "本木术 年午 新亲 收牧 政攻玫 府腑俯 信倍言 息怠 公么 开井升 申甲由电 请清情 数效 量重里 上土止 结洁 转软砖 " +
        "予子矛 以似 部郁陪 分兮份 区匹医 处外 理埋里 的白 只贝兄 计汁什 这还 情睛 形型 不下丕 其共甚 他地池 属厲 " +
        "于干千 国图固 家冢 秘祕泌 密蜜 法去 律津 行衍 规观现 禁襟 止上正 危厄 及汲反 三王二 安女 全仝金 稳隐穗 " +
        "定淀宝 保堡 护沪户 第弟笫 方万力 合含会 权杈叔 益盖溢 类米 内肉 事争 务各 四匹西 程呈 性姓 执热 案桉 卷券 " +
        "查杳香 询洵 项顶须 机几 关美 掌常 握幄 相湘 没设役 有侑 现观 成戍戌 需雷 要耍 另叧 制刺 作昨 补朴扑 正止五 " +
        "后石 容客 仍扔 明朋 确硝 访仿纺 举誉 报服 投没 诉拆斥 复夏 求来永 提堤 供洪共 出山 版板 物勿 无元天 当档 " +
        "大太犬 反友 认议 重童 具且 已己巳 获荻 取耶 人入八 逾愉 期朝 再冉 未末来 按接 费赀 通逋 知和 缴激 纳钠 用月 " +
        "总忌 继断 续读 办力为 度席 下卞 自白目 企仓 业亚 科料 研妍 构沟 社杜 组阻 织识 章草竟 许午 可司 罚罪 强弦 " +
        "采菜 购构 集焦 中申 维雏 持特 纠叫 尚向 审宙 果杲 结洁 件仵 个介 二三 八人 十千");

    /// <summary>Simplified → traditional for the characters of the template's labels.</summary>
    private static readonly Dictionary<char, string> Traditional = Pairs(
        "条條 数數 结結 转轉 开開 请請 处處 计計 这這 况況 国國 规規 稳穩 护護 权權 类類 务務 过過 执執 询詢 项項 " +
        "机機 关關 没沒 现現 补補 确確 访訪 举舉 报報 诉訴 复復 获獲 无無 当當 认認 费費 缴繳 纳納 总總 继繼 续續 " +
        "办辦 业業 构構 织織 组組 许許 罚罰 强強 采採 购購 维維 纠糾 审審 内內 会會 发發 废廢 额額 单單 万萬 区區 " +
        "讯訊 网網 长長 书書 门門 问問 题題 设設 资資 产產 须須 应應 为為 与與 对對 从從 众眾 义義 乡鄉 县縣 镇鎮 " +
        "议議 证證 师師 险險 达達 违違 讼訟 诉訴 经經 级級 统統 实實 际際 并並 仅僅 后後 级級");

    private static readonly string[] RowNumberStyles = ["{0}.", "{0}、", "{0}．", "({0})", "（{0}）", "{0} "];
    private static readonly string[] GroupStyles = ["（{0}）", "({0})", "{0}、", "{0}.", "（{0}）"];
    private static readonly string Numerals = "一二三四五六七八九十";

    /// <summary>Characters that may stray into a label (from the labels themselves and common text).</summary>
    private const string StrayPool = "的和及其中年度情况政府信息公开申请处理不予部分工作本机关行为事项数量一二三四五六七|-.,";

    /// <summary>
    /// A noisy rendering of <paramref name="label"/>. A cut, if any, comes first and only where
    /// <paramref name="cutAllowed"/> accepts the clean half (half of a label can be shared by two rows).
    /// </summary>
    public string Perturb(string label, IReadOnlyList<string> parents, Func<string, bool>? cutAllowed = null)
    {
        var m = LeadingNumbering().Match(label);
        var numbering = m.Success ? m.Value.Trim() : "";
        var core = m.Success ? label[m.Length..] : label;
        // Mostly one defect per label, sometimes two or three: what real reports show.
        var roll = random.NextDouble();
        var operations = roll < 0.6 ? 1 : roll < 0.9 ? 2 : 3;
        if (random.Next(6) == 0)
        {
            var cut = Cut(core);
            if (cutAllowed is null || cutAllowed(cut))
            {
                core = cut;
                operations--;
            }
        }
        for (var i = 0; i < operations; i++)
        {
            core = Mutate(core, allowCut: false);
        }
        numbering = Renumber(numbering);
        var text = numbering + core;
        if (parents.Count > 0 && random.NextDouble() < 0.2)
        {
            var parent = parents[random.Next(parents.Count)];
            text = Renumber(parent) + (random.Next(3) switch { 0 => "", 1 => " ", _ => "\n" }) + text;
        }
        return text;
    }

    /// <summary>One random edit of the label text.</summary>
    public string Mutate(string s, bool allowCut = true)
    {
        if (s.Length < 2)
        {
            return s;
        }
        var i = random.Next(s.Length);
        switch (random.Next(12))
        {
            case 0:
            case 1:
                return ReplaceAt(s, Confusions, count: 1);
            case 2:
                return ToTraditional(s);
            case 3:
                return s.Length > 3 ? s.Remove(i, 1) : s;
            case 4:
                return i + 1 < s.Length ? s[..i] + s[i + 1] + s[i] + s[(i + 2)..] : s;
            case 5:
                return s.Insert(i, s[i].ToString());
            case 6:
                return s.Insert(i, StrayPool[random.Next(StrayPool.Length)].ToString());
            case 7:
                return allowCut ? Cut(s) : ReplaceAt(s, Confusions, count: 1);
            case 8:
                return s.Insert(i, random.Next(3) == 0 ? "\n" : " ");
            case 9:
                return Punctuation(s);
            case 10:
                return string.Join(" ", s.ToCharArray());
            default:
                return ReplaceAt(s, Confusions, count: 1);
        }
    }

    /// <summary>Half a label, as left by a line break inside its cell: at least half of it, from the start or the end.</summary>
    private string Cut(string s)
    {
        if (s.Length < 6)
        {
            return s;
        }
        var keep = (s.Length + 1) / 2 + random.Next(s.Length / 2);
        return random.Next(2) == 0 ? s[..keep] : s[^keep..];
    }

    private string ReplaceAt(string s, Dictionary<char, string> map, int count)
    {
        var positions = Enumerable.Range(0, s.Length).Where(p => map.ContainsKey(s[p])).ToList();
        if (positions.Count == 0)
        {
            return s;
        }
        var chars = s.ToCharArray();
        for (var k = 0; k < count; k++)
        {
            var p = positions[random.Next(positions.Count)];
            var options = map[s[p]];
            chars[p] = options[random.Next(options.Length)];
        }
        return new string(chars);
    }

    private string ToTraditional(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            sb.Append(Traditional.TryGetValue(ch, out var t) && random.NextDouble() < 0.85 ? t[0] : ch);
        }
        return sb.ToString();
    }

    private string Punctuation(string s) => random.Next(4) switch
    {
        0 => s.Replace('（', '(').Replace('）', ')').Replace('，', ','),
        1 => s.Replace('“', '"').Replace('”', '"').Replace('、', ','),
        2 => s.Replace('“', '「').Replace('”', '」').Replace('，', '、'),
        _ => new string(s.Where(ch => !char.IsPunctuation(ch)).ToArray()),
    };

    /// <summary>Numbering is kept, lost, restyled, or (rarely) wrong, as printed reports do.</summary>
    private string Renumber(string numbering)
    {
        if (numbering.Length == 0)
        {
            return "";
        }
        var roll = random.NextDouble();
        if (roll < 0.45)
        {
            return numbering;
        }
        if (roll < 0.7)
        {
            return "";
        }
        var digit = numbering.FirstOrDefault(char.IsAsciiDigit);
        var numeral = numbering.FirstOrDefault(ch => Numerals.Contains(ch));
        if (roll > 0.96)
        {
            digit = digit == default ? digit : (char)('1' + random.Next(8));
            numeral = numeral == default ? numeral : Numerals[random.Next(7)];
        }
        if (digit != default)
        {
            return string.Format(RowNumberStyles[random.Next(RowNumberStyles.Length)], digit);
        }
        return numeral == default ? numbering : string.Format(GroupStyles[random.Next(GroupStyles.Length)], numeral);
    }

    private static Dictionary<char, string> Pairs(string spec)
    {
        var map = new Dictionary<char, string>();
        foreach (var group in spec.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            map.TryAdd(group[0], group[1..]);
        }
        return map;
    }
}
