using Extractor.Server.Contracts;
using Extractor.Server.Security;
using Extractor.Validation;

namespace Extractor.Server.Endpoints;

/// <summary>The graders' rule pack (the engine's Validation/RulePack/rules.json) as the server applies it.</summary>
public static class RuleEndpoints
{
    public static IEndpointRouteBuilder MapRuleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/rules", () => TypedResults.Ok(Pack())).WithTags("Rules").RequireAuthorization(Policies.Read)
            .WithSummary("Every rule of the rule pack: id, severity, scope, Chinese title and message template, basis, description, the pack's version");
        return app;
    }

    public static RulePackDto Pack()
    {
        var pack = RulePack.Default;
        return new RulePackDto(pack.Version, pack.Rules.Select(r => new RuleDto(r.Id, r.Severity, r.Scope, r.Title, r.Message, r.Basis, r.Description, pack.Version)).ToList());
    }
}
