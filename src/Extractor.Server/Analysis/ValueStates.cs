using Extractor.Results;

namespace Extractor.Server.Analysis;

/// <summary>
/// The state of a value as analysts see it (issue 13): ok (read surely), review (still unconfirmed), corrected
/// (an auditor set it), confirmed (an auditor confirmed the value as read), missing (the report does not give it).
/// </summary>
public static class ValueStates
{
    public const string Ok = "ok";
    public const string Review = "review";
    public const string Corrected = "corrected";
    public const string Confirmed = "confirmed";
    public const string Missing = "missing";

    public static string Of(string status, string flags)
    {
        var list = flags.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (status == FieldStatus.Missing)
        {
            return Missing;
        }
        if (list.Contains(Flags.Corrected))
        {
            return Corrected;
        }
        if (status == FieldStatus.Review)
        {
            return Review;
        }
        return list.Contains(Results.ResultComposer.ConfirmedFlag) ? Confirmed : Ok;
    }

    /// <summary>Values an analyst cannot yet rely on: still under review.</summary>
    public static bool IsUnconfirmed(string state) => state == Review;

    /// <summary>Values an export marks: under review, or changed by hand.</summary>
    public static bool IsMarked(string state) => state is Review or Corrected;

    public static string Chinese(string state) => state switch
    {
        Ok => "正常",
        Review => "待复核",
        Corrected => "已更正",
        Confirmed => "已确认",
        Missing => "缺失",
        _ => state,
    };
}
