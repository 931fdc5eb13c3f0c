// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.Architecture;

/// <summary>
/// The dependency rule of docs/design/architecture.md, read from the source files of src/CsCertificate and
/// src/CsCertificate.Core: each folder is a namespace, a folder uses another only through a
/// <c>using CsCertificate.&lt;Folder&gt;</c> directive, and those directives follow Commands → Engine → components →
/// Model/Common, without a cycle. Commands alone is the module's root assembly (CsCertificate.dll); the rest is
/// CsCertificate.Core.dll, which PowerShell 7 loads with BouncyCastle into the module's own load context.
/// </summary>
public sealed class FolderDependencyTests
{
    /// <summary>The folders every other folder may use: messages, shared plumbing, the public types.</summary>
    private static readonly string[] s_base = { "Model", "Common", "Resources" };

    /// <summary>The components, which the engine orchestrates.</summary>
    private static readonly string[] s_components = { "Topology", "Naming", "Keys", "Csr", "Certificates", "CaClient", "DnsProtocol", "Store", "Report" };

    /// <summary>
    /// The rule: which folder may use which. A component uses another only where the design says so (names are
    /// computed from a topology; a CSR is signed with a key; installed certificates carry their key; CA clients read
    /// certificates, keep ACME account keys and answer dns-01 through the DNS client).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string[]> s_allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Commands"] = new[] { "Engine" }.Concat(s_components).Concat(s_base).ToArray(),
        ["Engine"] = s_components.Concat(s_base).ToArray(),
        ["Topology"] = s_base,
        ["Naming"] = new[] { "Topology" }.Concat(s_base).ToArray(),
        ["Keys"] = s_base,
        ["Csr"] = new[] { "Keys" }.Concat(s_base).ToArray(),
        ["Certificates"] = new[] { "Keys" }.Concat(s_base).ToArray(),
        ["CaClient"] = new[] { "Certificates", "Keys", "DnsProtocol" }.Concat(s_base).ToArray(),
        ["DnsProtocol"] = s_base,
        ["Store"] = s_base,
        ["Report"] = s_base,
        ["Model"] = new[] { "Common", "Resources" },
        ["Common"] = new[] { "Resources" },
        ["Resources"] = Array.Empty<string>(),
        ["Properties"] = Array.Empty<string>(),
    };

    private static readonly Regex s_using = new Regex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?CsCertificate\.(\w+)", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex s_namespace = new Regex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>The projects, each with the folders it holds besides Properties.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> s_projects = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["CsCertificate"] = new[] { "Commands" },
        ["CsCertificate.Core"] = s_allowed.Keys.Where(f => f != "Commands" && f != "Properties").ToArray(),
    };

    private static readonly string s_source = Path.Combine(SharedFixtures.RepositoryRoot, "src");

    [Fact]
    public void EveryFolderHasAPlaceInTheRule()
    {
        Assert.NotEmpty(Sources());
        var unplaced = Sources().Select(s => s.Folder).Distinct().Where(f => !s_allowed.ContainsKey(f)).ToList();

        Assert.Empty(unplaced);
    }

    [Fact]
    public void EveryFileIsInTheNamespaceOfItsFolder()
    {
        // Compiler shims (System.*) and assembly attributes (no namespace) are the exceptions.
        var misplaced = Sources()
            .Where(s => s.Namespace != null && !s.Namespace.StartsWith("System.", StringComparison.Ordinal))
            .Where(s => s.Namespace != "CsCertificate." + s.Folder && !s.Namespace!.StartsWith("CsCertificate." + s.Folder + ".", StringComparison.Ordinal))
            .Select(s => s.Path + ": " + s.Namespace)
            .ToList();

        Assert.Empty(misplaced);
    }

    [Fact]
    public void NoFolderUsesAFolderTheRuleDoesNotAllow()
    {
        var forbidden = Sources()
            .SelectMany(s => s.Uses.Where(used => used != s.Folder && !s_allowed[s.Folder].Contains(used)).Select(used => $"{s.Folder} → {used} ({s.Path})"))
            .ToList();

        Assert.Empty(forbidden);
    }

    [Fact]
    public void TheFoldersHaveNoCycle()
    {
        Dictionary<string, HashSet<string>> uses = Sources()
            .GroupBy(s => s.Folder)
            .ToDictionary(g => g.Key, g => new HashSet<string>(g.SelectMany(s => s.Uses).Where(u => u != g.Key)));

        Assert.Null(Cycle(uses));
        Assert.Null(Cycle(s_allowed.ToDictionary(a => a.Key, a => new HashSet<string>(a.Value))));
    }

    [Fact]
    public void TheCycleCheckFindsACycle()
    {
        var uses = new Dictionary<string, HashSet<string>>
        {
            ["Model"] = new HashSet<string> { "Naming" },
            ["Naming"] = new HashSet<string> { "Topology", "Model" },
            ["Topology"] = new HashSet<string>(),
        };

        Assert.Equal("Model → Naming → Model", Cycle(uses));
    }

    [Fact]
    public void OnlyCommandsUsesPowerShell()
    {
        var users = Sources()
            .Where(s => s.Folder != "Commands" && Regex.IsMatch(File.ReadAllText(Path.Combine(s_source, s.Project, s.Path)), @"^\s*using\s+System\.Management\.Automation", RegexOptions.Multiline))
            .Select(s => s.Path)
            .ToList();

        Assert.Empty(users);
    }

    [Fact]
    public void CommandsAloneIsTheModuleAssemblyAndTheRestIsCore()
    {
        // The cmdlets stay in the default load context; whatever uses BouncyCastle must be in CsCertificate.Core.
        var misplaced = Sources()
            .Where(s => s.Folder != "Properties" && !s_projects[s.Project].Contains(s.Folder))
            .Select(s => s.Project + "/" + s.Path)
            .ToList();

        Assert.Empty(misplaced);
        Assert.Equal(new[] { "CsCertificate", "CsCertificate.Core" }, Directory.EnumerateFiles(s_source, "*.csproj", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void OnlyCoreUsesBouncyCastle()
    {
        var users = Sources()
            .Where(s => s.Project != "CsCertificate.Core" && Regex.IsMatch(File.ReadAllText(Path.Combine(s_source, s.Project, s.Path)), @"^\s*using\s+Org\.BouncyCastle", RegexOptions.Multiline))
            .Select(s => s.Project + "/" + s.Path)
            .ToList();

        Assert.Empty(users);
    }

    /// <summary>A cycle of the graph as "A → B → A", or null.</summary>
    private static string? Cycle(IReadOnlyDictionary<string, HashSet<string>> uses)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();

        string? Visit(string folder)
        {
            int at = path.IndexOf(folder);
            if (at >= 0)
            {
                return string.Join(" → ", path.Skip(at).Append(folder));
            }

            if (!done.Add(folder))
            {
                return null;
            }

            path.Add(folder);
            foreach (string used in (uses.TryGetValue(folder, out HashSet<string>? next) ? next : new HashSet<string>()).OrderBy(u => u, StringComparer.Ordinal))
            {
                string? cycle = Visit(used);
                if (cycle != null)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }

        return uses.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(Visit).FirstOrDefault(c => c != null);
    }

    private static IReadOnlyList<SourceFile> Sources() =>
        s_projects.Keys.SelectMany(project =>
            Directory.EnumerateFiles(Path.Combine(s_source, project), "*.cs", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(Path.Combine(s_source, project), p).Replace('\\', '/'))
                .Where(p => p.Contains('/') && !p.StartsWith("obj/", StringComparison.Ordinal) && !p.StartsWith("bin/", StringComparison.Ordinal))
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p =>
                {
                    string text = File.ReadAllText(Path.Combine(s_source, project, p));
                    Match ns = s_namespace.Match(text);
                    return new SourceFile(project, p, p.Substring(0, p.IndexOf('/')), ns.Success ? ns.Groups[1].Value : null, s_using.Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList());
                }))
            .ToList();

    private sealed record SourceFile(string Project, string Path, string Folder, string? Namespace, IReadOnlyList<string> Uses);
}
