namespace Extractor.Server.Security;

public static class Roles
{
    public const string Uploader = "uploader";
    public const string Analyst = "analyst";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Uploader, Analyst, Auditor, Admin];
}

/// <summary>Authorization policies by what an endpoint does; admin may do everything.</summary>
public static class Policies
{
    /// <summary>Upload batches.</summary>
    public const string Upload = "upload";

    /// <summary>Read batches, documents, results and files: any role.</summary>
    public const string Read = "read";

    /// <summary>Figures across documents and exports.</summary>
    public const string Analyze = "analyze";

    /// <summary>Review queue, corrections, history.</summary>
    public const string Audit = "audit";

    /// <summary>Dashboard, re-extraction.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [Upload] = [Roles.Uploader, Roles.Admin],
        [Read] = [Roles.Uploader, Roles.Analyst, Roles.Auditor, Roles.Admin],
        [Analyze] = [Roles.Analyst, Roles.Auditor, Roles.Admin],
        [Audit] = [Roles.Auditor, Roles.Admin],
        [Admin] = [Roles.Admin],
    };
}
