using System.Reflection;
using System.Text.Json;
using Extractor.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Extractor.Server.Tests.Infrastructure;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Extractor.Server.Tests;

/// <summary>
/// The deployment files cannot run on a machine without a container engine or a cluster, so they are parsed and
/// checked here: kinds, probes on /health, secrets, roles, the autoscaler's target, one image name everywhere,
/// the compose services, the Dockerfile's packages and build step, and the production settings example.
/// </summary>
public sealed class DeployManifestTests
{
    private const string Image = "extractor-server:0.1.0";
    private static readonly string Deploy = Path.Combine(Samples.RepoRoot, "deploy");

    private static List<Dictionary<object, object>> K8s() =>
        Directory.GetFiles(Path.Combine(Deploy, "k8s"), "*.yaml")
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(f => LoadAll(File.ReadAllText(f)))
            .ToList();

    [Fact]
    public void Kubernetes_Manifests_HaveTheExpectedKinds()
    {
        var kinds = K8s().Select(d => $"{d["kind"]}/{Name(d)}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["Deployment/extractor-api", "Deployment/extractor-worker", "HorizontalPodAutoscaler/extractor-worker",
             "Secret/extractor-secrets", "Service/extractor-api", "Service/extractor-postgres"],
            kinds);
        var kustomization = LoadAll(File.ReadAllText(Path.Combine(Deploy, "k8s", "kustomization.yaml"))).Single();
        var listed = List(kustomization["resources"]).Select(r => r.ToString()!).Order(StringComparer.Ordinal).ToList();
        var files = Directory.GetFiles(Path.Combine(Deploy, "k8s"), "*.yaml").Select(f => Path.GetFileName(f))
            .Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, listed);
    }

    [Fact]
    public void Deployments_ProbeHealth_OnTheirHttpPort()
    {
        foreach (var deployment in K8s().Where(d => (string)d["kind"] == "Deployment"))
        {
            var container = Container(deployment);
            var ports = List(container["ports"]).Select(p => Map(p)["name"].ToString()).ToList();
            foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
            {
                var get = Map(Map(container[probe])["httpGet"]);
                Assert.Equal("/health", get["path"]);
                Assert.Contains(get["port"].ToString(), ports);
            }
            // A database blip fails /health: liveness must tolerate it longer than readiness does.
            var live = Map(container["livenessProbe"]);
            var ready = Map(container["readinessProbe"]);
            Assert.True(Int(live["failureThreshold"]) * Int(live["periodSeconds"]) >= 60, $"{Name(deployment)}: liveness gives up in under 60 s");
            Assert.True(Int(live["failureThreshold"]) > Int(ready["failureThreshold"]));
        }
    }

    [Fact]
    public void Deployments_TakeConnectionStringAndKeys_FromTheSecret()
    {
        var docs = K8s();
        var secret = docs.Single(d => (string)d["kind"] == "Secret");
        var secretKeys = Map(secret["stringData"]).Keys.Select(k => k.ToString()).ToHashSet();
        foreach (var deployment in docs.Where(d => (string)d["kind"] == "Deployment"))
        {
            var env = Env(Container(deployment));
            foreach (var name in new[] { "Extractor__Postgres", "EXTRACTOR_ADMIN_KEY" })
            {
                Assert.True(env.TryGetValue(name, out var entry), $"{Name(deployment)} lacks {name}");
                var reference = Map(Map(entry["valueFrom"])["secretKeyRef"]);
                Assert.Equal(Name(secret), reference["name"]);
            }
            // Every secret reference names an existing key; no secret is written as a plain value.
            foreach (var (name, entry) in env)
            {
                if (entry.TryGetValue("valueFrom", out var from))
                {
                    var reference = Map(Map(from)["secretKeyRef"]);
                    Assert.Equal(Name(secret), reference["name"]);
                    Assert.Contains(reference["key"].ToString(), secretKeys);
                }
                else
                {
                    Assert.DoesNotContain("Key", name.Split("__")[^1]);
                    Assert.NotEqual("Extractor__Postgres", name);
                }
            }
            Assert.Equal("Postgres", env["Extractor__Store"]["value"]);
        }
        // The connection string's host is the in-cluster name of the external PostgreSQL.
        var external = docs.Single(d => (string)d["kind"] == "Service" && Map(d["spec"]).GetValueOrDefault("type") as string == "ExternalName");
        Assert.Contains($"Host={Name(external)};", Map(secret["stringData"])["connection-string"].ToString());
    }

    [Fact]
    public void ApiAndWorker_RunTheirRoles_FromOneImage()
    {
        var docs = K8s();
        var api = docs.Single(d => (string)d["kind"] == "Deployment" && Name(d) == "extractor-api");
        var worker = docs.Single(d => (string)d["kind"] == "Deployment" && Name(d) == "extractor-worker");
        Assert.Equal("Api", Env(Container(api))["Extractor__Role"]["value"]);
        Assert.Equal("Worker", Env(Container(worker))["Extractor__Role"]["value"]);
        Assert.All(new[] { api, worker }, d => Assert.Equal(Image, Container(d)["image"]));

        // The api Service selects the api pods and only them.
        var service = docs.Single(d => (string)d["kind"] == "Service" && Name(d) == "extractor-api");
        var selector = Map(Map(service["spec"])["selector"]);
        var apiLabels = Map(Map(Map(Map(api["spec"])["template"])["metadata"])["labels"]);
        var workerLabels = Map(Map(Map(Map(worker["spec"])["template"])["metadata"])["labels"]);
        Assert.All(selector, kv => Assert.Equal(kv.Value, apiLabels[kv.Key]));
        Assert.Contains(selector, kv => !Equals(workerLabels.GetValueOrDefault(kv.Key), kv.Value));

        // The worker drains before it is killed: grace period longer than the Hangfire shutdown timeout.
        var grace = Int(Map(Map(worker["spec"])["template"]) is var t ? Map(t["spec"])["terminationGracePeriodSeconds"] : 0);
        Assert.True(grace > Int(Env(Container(worker))["Extractor__Worker__ShutdownTimeoutSeconds"]["value"]));
    }

    [Fact]
    public void WorkerAutoscaler_TargetsTheWorkerDeployment_OnCpu()
    {
        var docs = K8s();
        var hpa = docs.Single(d => (string)d["kind"] == "HorizontalPodAutoscaler");
        Assert.Equal("autoscaling/v2", hpa["apiVersion"]);
        var spec = Map(hpa["spec"]);
        var target = Map(spec["scaleTargetRef"]);
        Assert.Equal("Deployment", target["kind"]);
        Assert.Equal("extractor-worker", target["name"]);
        Assert.InRange(Int(spec["minReplicas"]), 1, Int(spec["maxReplicas"]));
        var metric = Map(Map(List(spec["metrics"]).Single())["resource"]);
        Assert.Equal("cpu", metric["name"]);
        Assert.InRange(Int(Map(metric["target"])["averageUtilization"]), 30, 90);
        // The worker asks for CPU, or utilisation has nothing to be a percentage of.
        var worker = docs.Single(d => (string)d["kind"] == "Deployment" && Name(d) == "extractor-worker");
        Assert.True(Map(Map(Container(worker)["resources"])["requests"]).ContainsKey("cpu"));
    }

    [Fact]
    public void Compose_HasPostgresApiAndScalableWorkers_OnTheImage()
    {
        var compose = LoadAll(File.ReadAllText(Path.Combine(Deploy, "compose.yaml"))).Single();
        var services = Map(compose["services"]);
        Assert.Equal(["api", "postgres", "worker"], services.Keys.Select(k => k.ToString()!).Order(StringComparer.Ordinal));
        foreach (var (name, role) in new[] { ("api", "Api"), ("worker", "Worker") })
        {
            var s = Map(services[name]);
            Assert.Equal(Image, s["image"]);
            var build = Map(s["build"]);
            Assert.True(File.Exists(Path.GetFullPath(Path.Combine(Deploy, build["context"].ToString()!, build["dockerfile"].ToString()!))));
            var env = Map(s["environment"]);
            Assert.Equal(role, env["Extractor__Role"]);
            Assert.Equal("Postgres", env["Extractor__Store"]);
            Assert.Contains("Host=postgres;", env["Extractor__Postgres"].ToString());
            Assert.Equal("service_healthy", Map(Map(s["depends_on"])["postgres"])["condition"]);
        }
        Assert.Contains("WORKERS", Map(Map(services["worker"])["deploy"])["replicas"].ToString());
        Assert.False(Map(services["worker"]).ContainsKey("ports"));
        Assert.StartsWith("postgres:", Map(services["postgres"])["image"].ToString());
    }

    [Fact]
    public void Dockerfile_KeepsIcu_InstallsOcr_AndBuildsWithTheScript()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Deploy, "Dockerfile"));
        Assert.Contains("RUN deploy/build-server.sh /app", dockerfile);
        Assert.Contains("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false", dockerfile);
        Assert.DoesNotContain("InvariantGlobalization=true", dockerfile);
        Assert.Contains("libicu", dockerfile);
        foreach (var package in new[] { "tesseract-ocr", "tesseract-ocr-chi-sim", "poppler-utils", "fonts-noto-cjk" })
        {
            Assert.Matches($@"\s{System.Text.RegularExpressions.Regex.Escape(package)}(\s|$)", dockerfile);
        }
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"Extractor.Server.dll\"]", dockerfile);
        Assert.Contains($"-t {Image}", dockerfile);
        var script = File.ReadAllText(Path.Combine(Deploy, "build-server.sh"));
        Assert.Contains("dotnet publish src/Extractor.Server/Extractor.Server.csproj -c Release", script);
        Assert.Contains("InvariantGlobalization=false", script);
    }

    [Fact]
    public void ProductionExample_BindsToTheOptions_AndExplainsEveryOne()
    {
        var path = Path.Combine(Deploy, "appsettings.Production.example.json");
        var text = File.ReadAllText(path);
        using var json = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var section = json.RootElement.GetProperty(ServerOptions.Section);
        // Bound the way the server binds it (comments allowed, as in any appsettings file).
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddJsonFile(path).Build();
        var options = configuration.GetSection(ServerOptions.Section).Get<ServerOptions>()!;
        Assert.Equal(3, options.ApiKeys.Count);
        Assert.True(options.Worker.InvisibilityTimeoutSeconds > 60);
        Assert.Equal(ServerRole.Api, options.Role);
        Assert.Equal(Extractor.Storage.StoreProvider.Postgres, options.Store);

        var readme = File.ReadAllText(Path.Combine(Deploy, "README.md"));
        foreach (var key in OptionKeys(typeof(ServerOptions), ""))
        {
            Assert.True(Has(section, key.Split(':')), $"the example lacks Extractor:{key}");
            Assert.Contains($"`{key}`", readme);
            // Each option has a comment of its own in the example, on the line before or on its line.
            var leaf = key.Split(':')[^1];
            var lines = text.Split('\n');
            var at = Array.FindIndex(lines, l => l.TrimStart().StartsWith($"\"{leaf}\"", StringComparison.Ordinal));
            Assert.True(at > 0 && (lines[at].Contains("//", StringComparison.Ordinal) || lines[at - 1].TrimStart().StartsWith("//", StringComparison.Ordinal)),
                $"Extractor:{key} has no comment in the example");
        }
    }

    [Fact]
    public void DeployFiles_NameNoPathOfThisMachine()
    {
        var root = Samples.RepoRoot.TrimEnd('/');
        foreach (var file in Directory.GetFiles(Deploy, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain(root, text);
            Assert.DoesNotContain("/home/", text);
        }
    }

    private static IEnumerable<string> OptionKeys(Type type, string prefix)
    {
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = prefix + p.Name;
            if (p.PropertyType.IsClass && p.PropertyType != typeof(string) && p.PropertyType.Namespace == typeof(ServerOptions).Namespace)
            {
                foreach (var inner in OptionKeys(p.PropertyType, key + ":"))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return key;
            }
        }
    }

    private static bool Has(JsonElement e, string[] path) =>
        path.Length == 0 || (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(path[0], out var next) && Has(next, path[1..]));

    private static List<Dictionary<object, object>> LoadAll(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        // MergingParser resolves the compose file's anchors and "<<:" merge keys.
        var parser = new MergingParser(new Parser(new StringReader(yaml)));
        parser.Consume<StreamStart>();
        var docs = new List<Dictionary<object, object>>();
        while (parser.Accept<DocumentStart>(out _))
        {
            docs.Add(deserializer.Deserialize<Dictionary<object, object>>(parser));
        }
        return docs;
    }

    private static Dictionary<object, object> Map(object o) => Assert.IsType<Dictionary<object, object>>(o);
    private static List<object> List(object o) => Assert.IsType<List<object>>(o);
    private static int Int(object o) => int.Parse(o.ToString()!, System.Globalization.CultureInfo.InvariantCulture);
    private static string Name(Dictionary<object, object> d) => Map(d["metadata"])["name"].ToString()!;

    private static Dictionary<object, object> Container(Dictionary<object, object> deployment) =>
        Map(List(Map(Map(Map(deployment["spec"])["template"])["spec"])["containers"]).Single());

    private static Dictionary<string, Dictionary<object, object>> Env(Dictionary<object, object> container) =>
        List(container["env"]).Select(Map).ToDictionary(e => e["name"].ToString()!, e => e);
}
