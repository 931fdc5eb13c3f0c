// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCertificate.Common;
using CsCertificate.Report;
using CsCertificate.Resources;
using CsCertificate.Topology;

namespace CsCertificate.Engine;

/// <summary>
/// Finds the topology, first source that has one wins: -TopologyPath; $env:CSCERTIFICATE_TOPOLOGY (a
/// path-separated list, relative paths taken from PowerShell's current location); Get-CsTopology in the session;
/// topology.xml, topology.tbxml and simpleurls.xml in the data folder.
/// </summary>
internal sealed class TopologySourceResolver
{
    public const string TopologyVariable = "CSCERTIFICATE_TOPOLOGY";

    private static readonly string[] s_dataFolderFiles = { "topology.xml", "topology.tbxml", "simpleurls.xml" };

    private readonly IEngineEnvironment _environment;
    private readonly ISessionTopologySource? _session;
    private readonly string _dataFolder;
    private readonly string _currentFolder;

    /// <param name="environment">The machine's facts and environment variables.</param>
    /// <param name="session">The management shell's topology, when the session has one.</param>
    /// <param name="dataFolder">The module's data folder.</param>
    /// <param name="currentFolder">The folder relative paths resolve against: PowerShell's current file system location.</param>
    public TopologySourceResolver(IEngineEnvironment environment, ISessionTopologySource? session, string dataFolder, string currentFolder)
    {
        _environment = environment;
        _session = session;
        _dataFolder = dataFolder;
        _currentFolder = currentFolder;
    }

    /// <summary>Picks the source and its inputs; reads no topology file yet.</summary>
    /// <param name="topologyPaths">The full paths of -TopologyPath.</param>
    /// <exception cref="CsCertificateException">No source has a topology, or the session failed to give its own.</exception>
    public TopologySource Find(IReadOnlyList<string> topologyPaths)
    {
        if (topologyPaths.Count > 0)
        {
            return FromFiles(topologyPaths, Messages.Format(Strings.TopologySourceParameter, string.Join(", ", topologyPaths)));
        }

        string? variable = _environment.GetEnvironmentVariable(TopologyVariable);
        if (!string.IsNullOrWhiteSpace(variable))
        {
            var paths = variable!.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Trim())
                .Where(p => p.Length > 0)
                .Select(p => Path.GetFullPath(Path.Combine(_currentFolder, p)))
                .ToList();
            return FromFiles(paths, Messages.Format(Strings.TopologySourceVariable, TopologyVariable, string.Join(", ", paths)));
        }

        IReadOnlyList<TopologyInput>? session = _session?.GetDocuments();
        if (session != null && session.Count > 0)
        {
            return new TopologySource(Messages.Format(Strings.TopologySourceSession, string.Join(", ", session.Select(s => s.Name))), session);
        }

        var files = s_dataFolderFiles.Select(f => Path.Combine(_dataFolder, f)).Where(File.Exists).ToList();
        if (files.Any(f => !f.EndsWith("simpleurls.xml", StringComparison.OrdinalIgnoreCase)))
        {
            return FromFiles(files, Messages.Format(Strings.TopologySourceDataFolder, string.Join(", ", files)));
        }

        throw new CsCertificateException(
            ErrorIds.TopologyNotFound,
            ErrorKind.ObjectNotFound,
            Messages.Format(Strings.TopologyNotFound, TopologyVariable, Path.Combine(_dataFolder, s_dataFolderFiles[0])),
            _dataFolder);
    }

    /// <summary>Reads the topology of a source and names the source in the log.</summary>
    /// <exception cref="CsCertificateException">An input is unreadable or invalid.</exception>
    public static DeploymentTopology Load(TopologySource source, OperationLog log)
    {
        log.SetConnection(source.Description);
        return TopologyLoader.Load(source.Inputs);
    }

    /// <summary>Finds the source and reads its topology.</summary>
    /// <exception cref="CsCertificateException">No source has a topology, or the chosen source is unreadable or invalid.</exception>
    public DeploymentTopology Load(IReadOnlyList<string> topologyPaths, OperationLog log) => Load(Find(topologyPaths), log);

    private static TopologySource FromFiles(IReadOnlyList<string> paths, string description) =>
        new TopologySource(description, paths.Select(TopologyInput.FromFile).ToList());
}
