using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Extractor.Results;

namespace Extractor.Validation;

/// <summary>One rule of the pack (RulePack/rules.json): id, severity, scope, Chinese title and message template, basis.</summary>
public sealed class Rule
{
    public required string Id { get; init; }
    public required string Severity { get; init; }
    public required string Scope { get; init; }
    public required string Title { get; init; }
    public required string Message { get; init; }
    public required string Basis { get; init; }
    public string Description { get; init; } = "";
}

public static class Severities
{
    public const string Error = "error";
    public const string Warning = "warning";
    public const string Notice = "notice";
}

/// <summary>
/// The graders' rule pack: the checks an assessor applies, as data (embedded RulePack/rules.json, versioned).
/// <see cref="Format"/> fills a rule's message template: <c>{name}</c> is replaced by <c>args[name]</c>.
/// </summary>
public sealed partial class RulePack
{
    private static readonly string[] SeverityNames = [Severities.Error, Severities.Warning, Severities.Notice];
    private static readonly string[] ScopeNames = ["document", "crossYear", "crossCopy"];
    private readonly Dictionary<string, Rule> _byId;

    public string Version { get; }
    public IReadOnlyList<Rule> Rules { get; }

    private RulePack(string version, List<Rule> rules)
    {
        Version = version;
        Rules = rules;
        _byId = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    private static readonly Lazy<RulePack> DefaultPack = new(() =>
    {
        using var stream = typeof(RulePack).Assembly.GetManifestResourceStream("rules.json")
            ?? throw new InvalidOperationException("the rule pack (embedded resource rules.json) is missing from the engine assembly");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "rules.json");
    });

    /// <summary>The pack shipped in the engine.</summary>
    public static RulePack Default => DefaultPack.Value;

    /// <summary>Reads a pack; a bad pack is an error naming the source and the rule.</summary>
    public static RulePack Parse(string json, string source)
    {
        PackDto dto;
        try
        {
            dto = JsonSerializer.Deserialize<PackDto>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
                ?? throw new InvalidDataException($"{source}: empty rule pack");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a valid rule pack ({ex.Message})", ex);
        }
        if (string.IsNullOrWhiteSpace(dto.Version))
        {
            throw new InvalidDataException($"{source}: the rule pack has no version");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in dto.Rules ?? [])
        {
            if (string.IsNullOrWhiteSpace(rule.Id) || !seen.Add(rule.Id))
            {
                throw new InvalidDataException($"{source}: a rule has no id or a duplicate id ({rule.Id})");
            }
            if (!SeverityNames.Contains(rule.Severity) || !ScopeNames.Contains(rule.Scope))
            {
                throw new InvalidDataException($"{source}: rule {rule.Id} has severity '{rule.Severity}' / scope '{rule.Scope}'");
            }
            if (string.IsNullOrWhiteSpace(rule.Basis) || string.IsNullOrWhiteSpace(rule.Message) || string.IsNullOrWhiteSpace(rule.Title))
            {
                throw new InvalidDataException($"{source}: rule {rule.Id} lacks its title, message or basis");
            }
        }
        return new RulePack(dto.Version, dto.Rules ?? []);
    }

    public Rule? Find(string id) => _byId.GetValueOrDefault(id);

    public Rule Get(string id) => Find(id) ?? throw new KeyNotFoundException($"rule {id} is not in the rule pack {Version}");

    /// <summary>The rule's message with its placeholders filled; a placeholder without an argument stays as written.</summary>
    public string Format(string id, IReadOnlyDictionary<string, object?> args) =>
        Placeholder().Replace(Get(id).Message, m => args.TryGetValue(m.Groups[1].Value, out var v) && v is not null ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "" : m.Value);

    /// <summary>A finding of a rule, its severity from the pack and its message formatted.</summary>
    public Finding Finding(string id, IReadOnlyDictionary<string, object?> args, IEnumerable<string>? fields = null, IEnumerable<Passage>? passages = null) => new()
    {
        Rule = id,
        Severity = Get(id).Severity,
        Message = Format(id, args),
        Fields = fields?.ToList() ?? [],
        Passages = passages?.ToList() ?? [],
    };

    /// <summary>Counts of the findings by severity, with this pack's version.</summary>
    public QualitySummary Summarize(IEnumerable<Finding> findings)
    {
        var list = findings.ToList();
        return new QualitySummary
        {
            RulePack = Version,
            Errors = list.Count(f => f.Severity == Severities.Error),
            Warnings = list.Count(f => f.Severity == Severities.Warning),
            Notices = list.Count(f => f.Severity == Severities.Notice),
        };
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();

    private sealed class PackDto
    {
        public string? Version { get; set; }
        public List<Rule>? Rules { get; set; }
    }
}
