using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Extractor.Results;

/// <summary>The one way results are written and read: camelCase, UTF-8, Chinese unescaped.</summary>
public static class ResultJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(ExtractionResult result) => JsonSerializer.Serialize(result, Options);

    public static ExtractionResult? Deserialize(string json) => JsonSerializer.Deserialize<ExtractionResult>(json, Options);
}
