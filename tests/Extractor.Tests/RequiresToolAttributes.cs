using Extractor.Readers.External;

namespace Extractor.Tests;

/// <summary>
/// Which helper programs a test needs. Where one is missing the test is skipped with the reason shown, and
/// nothing else depends on it; under <c>CI=true</c> (CI installs them all) a missing tool is not a skip but a
/// failure (<see cref="ToolsTests"/>), and the test itself runs, so a broken CI machine cannot pass quietly.
/// </summary>
public static class RequiredTools
{
    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every helper program some test needs, and what for (the README lists the same).</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["tesseract"] = "OCR of scans and pictures (Debian tesseract-ocr, tesseract-ocr-chi-sim)",
        ["pdftoppm"] = "rendering PDF pages and JPEG pictures for OCR (Debian poppler-utils)",
        ["soffice"] = "legacy .doc/.wps through LibreOffice (Debian libreoffice-writer-nogui)",
    };

    /// <summary>The skip reason, or null when every tool is there or on CI.</summary>
    public static string? SkipReason(string[] tools)
    {
        var missing = tools.Where(t => ExternalProcess.Find(t) is null).ToList();
        return missing.Count == 0 || OnCi ? null : $"needs {string.Join(", ", missing)} on PATH (not installed here; scripts/install-test-tools.sh installs them)";
    }
}

/// <summary>A fact that is skipped, with the reason shown, when a helper program is not on PATH (never on CI).</summary>
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(params string[] tools) => Skip = RequiredTools.SkipReason(tools);
}

/// <summary>A theory that is skipped, with the reason shown, when a helper program is not on PATH (never on CI).</summary>
public sealed class RequiresToolTheoryAttribute : TheoryAttribute
{
    public RequiresToolTheoryAttribute(params string[] tools) => Skip = RequiredTools.SkipReason(tools);
}

public class ToolsTests
{
    /// <summary>On CI every helper program a test needs is installed: a missing one fails here, by name.</summary>
    [Fact]
    public void EveryHelperProgram_IsInstalled_WhenRunOnCi()
    {
        if (!RequiredTools.OnCi)
        {
            return;
        }
        var missing = RequiredTools.All.Keys.Where(t => ExternalProcess.Find(t) is null).ToList();
        Assert.True(missing.Count == 0, $"CI=true but missing: {string.Join(", ", missing.Select(t => $"{t} ({RequiredTools.All[t]})"))}");
    }
}
