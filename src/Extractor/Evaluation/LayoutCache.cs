using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Extractor.Model;
using Extractor.Readers.External;

namespace Extractor.Evaluation;

/// <summary>
/// What the readers saw of a document, kept on disk so that <c>extractor train</c> does not OCR the
/// same scan again. An entry is found only for the same bytes, the same file name (it picks the
/// reader), the same engine build (its module version id changes with any change of code) and the
/// same external tools (tesseract and its language data, pdftoppm). Anything else, or an entry
/// that does not parse, is a miss and the document is read afresh. The cache only ever saves time:
/// a layout from it is the layout the reader gives.
/// </summary>
public sealed class LayoutCache
{
    public LayoutCache(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }

    /// <summary>$XDG_CACHE_HOME/extractor/layouts, else ~/.cache/extractor/layouts.</summary>
    public static string DefaultFolder()
    {
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }
        return Path.Combine(root, "extractor", "layouts");
    }

    public int Hits => _hits;

    public int Misses => _misses;

    private int _hits;
    private int _misses;

    /// <summary>The layout cached for this document, or null.</summary>
    public LayoutDocument? Get(byte[] bytes, string fileName)
    {
        var path = PathFor(bytes, fileName);
        try
        {
            if (File.Exists(path))
            {
                var layout = LayoutJson.Deserialize(File.ReadAllBytes(path));
                Interlocked.Increment(ref _hits);
                return layout;
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            // A damaged or unreadable entry is a miss; Put writes it anew.
        }
        Interlocked.Increment(ref _misses);
        return null;
    }

    /// <summary>Keeps the layout; a cache that cannot be written is only slower, never an error.</summary>
    public void Put(byte[] bytes, string fileName, LayoutDocument layout)
    {
        var path = PathFor(bytes, fileName);
        var temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllBytes(temp, LayoutJson.Serialize(layout));
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
        }
    }

    /// <summary>The entry's file: a hash of the document's bytes, its name and <see cref="Fingerprint"/>.</summary>
    public string PathFor(byte[] bytes, string fileName)
    {
        var key = new StringBuilder()
            .Append(Convert.ToHexString(SHA256.HashData(bytes))).Append('\n')
            .Append(fileName).Append('\n')
            .Append(Fingerprint.Value);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString()))).ToLowerInvariant();
        return Path.Combine(Folder, hash + ".json");
    }

    /// <summary>The engine build and the external tools a reading depends on.</summary>
    public static readonly Lazy<string> Fingerprint = new(() =>
    {
        var sb = new StringBuilder();
        sb.Append("engine ").Append(typeof(LayoutDocument).Assembly.ManifestModule.ModuleVersionId).Append('\n');
        Tool(sb, "tesseract", ["--version"]);
        var languages = Tool(sb, "tesseract", ["--list-langs"]);
        Tool(sb, "pdftoppm", ["-v"]);
        LanguageData(sb, languages);
        return sb.ToString();
    });

    private static string Tool(StringBuilder sb, string program, string[] arguments)
    {
        sb.Append(program).Append(' ').Append(string.Join(' ', arguments)).Append(": ");
        if (ExternalProcess.Find(program) is not { } exe)
        {
            sb.Append("not installed\n");
            return "";
        }
        try
        {
            var output = ExternalProcess.Run(exe, arguments, TimeSpan.FromSeconds(20));
            var text = Encoding.UTF8.GetString(output.StandardOutput) + output.StandardError;
            sb.Append(text).Append('\n');
            return text;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or System.ComponentModel.Win32Exception or Polly.Timeout.TimeoutRejectedException)
        {
            // Unknown tools: a fresh key per process, so nothing cached is trusted.
            sb.Append("failed ").Append(Guid.NewGuid()).Append('\n');
            return "";
        }
    }

    /// <summary>
    /// Size and time of each language data file in the folder tesseract names in its language
    /// list (「List of available languages in "…"」), so new language data is a new key.
    /// </summary>
    private static void LanguageData(StringBuilder sb, string languageList)
    {
        var open = languageList.IndexOf('"', StringComparison.Ordinal);
        var close = open < 0 ? -1 : languageList.IndexOf('"', open + 1);
        if (close < 0 || languageList[(open + 1)..close] is not { } folder || !Directory.Exists(folder))
        {
            return;
        }
        foreach (var file in Directory.GetFiles(folder, "*.traineddata").Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            sb.Append(Path.GetFileName(file)).Append(' ').Append(info.Length).Append(' ').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
