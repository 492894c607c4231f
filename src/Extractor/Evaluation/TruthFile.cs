using System.Text.Json;

namespace Extractor.Evaluation;

/// <summary>A labelled document's truth (docs/TRUTH.md): what the document prints, for each of the 200 paths.</summary>
public sealed class TruthFile
{
    public string? Agency { get; init; }
    public int? Year { get; init; }
    public Dictionary<string, decimal?> Fields { get; init; } = new(StringComparer.Ordinal);
    public string? Notes { get; init; }

    public static TruthFile Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<TruthFile>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidDataException($"{path}: empty truth file");
    }

    /// <summary>X.pdf has its truth in X.pdf.truth.json or X.truth.json.</summary>
    public static string? For(string documentPath)
    {
        var full = documentPath + ".truth.json";
        if (File.Exists(full))
        {
            return full;
        }
        var stem = Path.Combine(Path.GetDirectoryName(documentPath) ?? "", Path.GetFileNameWithoutExtension(documentPath) + ".truth.json");
        return File.Exists(stem) ? stem : null;
    }

    /// <summary>Documents under the folders that have a truth file beside them.</summary>
    public static IEnumerable<string> LabelledDocuments(IEnumerable<string> folders) =>
        folders.SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
            .Where(p => !p.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(p).StartsWith('.'))
            .Where(p => !p.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !p.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase))
            .Where(p => For(p) is not null)
            .Order(StringComparer.Ordinal);
}
