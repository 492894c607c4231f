using Extractor.Readers.External;

namespace Extractor.Tests;

/// <summary>A fact that is skipped, with the reason shown, when a helper program is not on PATH.</summary>
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(params string[] tools)
    {
        var missing = tools.Where(t => ExternalProcess.Find(t) is null).ToList();
        if (missing.Count > 0)
        {
            Skip = $"needs {string.Join(", ", missing)} on PATH (not installed here)";
        }
    }
}

/// <summary>A theory that is skipped, with the reason shown, when a helper program is not on PATH.</summary>
public sealed class RequiresToolTheoryAttribute : TheoryAttribute
{
    public RequiresToolTheoryAttribute(params string[] tools)
    {
        var missing = tools.Where(t => ExternalProcess.Find(t) is null).ToList();
        if (missing.Count > 0)
        {
            Skip = $"needs {string.Join(", ", missing)} on PATH (not installed here)";
        }
    }
}
