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
/// path-separated list); Get-CsTopology in the session; topology.xml, topology.tbxml and simpleurls.xml in the
/// data folder.
/// </summary>
internal sealed class TopologySourceResolver
{
    public const string TopologyVariable = "CSCERTIFICATE_TOPOLOGY";

    private static readonly string[] s_dataFolderFiles = { "topology.xml", "topology.tbxml", "simpleurls.xml" };

    private readonly IEngineEnvironment _environment;
    private readonly ISessionTopologySource? _session;
    private readonly string _dataFolder;

    public TopologySourceResolver(IEngineEnvironment environment, ISessionTopologySource? session, string dataFolder)
    {
        _environment = environment;
        _session = session;
        _dataFolder = dataFolder;
    }

    /// <exception cref="CsCertificateException">No source has a topology, or the chosen source is unreadable or invalid.</exception>
    public DeploymentTopology Load(IReadOnlyList<string> topologyPaths, OperationLog log)
    {
        if (topologyPaths.Count > 0)
        {
            return Load(topologyPaths.Select(TopologyInput.FromFile).ToList(), Messages.Format(Strings.TopologySourceParameter, string.Join(", ", topologyPaths)), log);
        }

        string? variable = _environment.GetEnvironmentVariable(TopologyVariable);
        if (!string.IsNullOrWhiteSpace(variable))
        {
            var paths = variable!.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Trim())
                .Where(p => p.Length > 0)
                .Select(Path.GetFullPath)
                .ToList();
            return Load(paths.Select(TopologyInput.FromFile).ToList(), Messages.Format(Strings.TopologySourceVariable, TopologyVariable, string.Join(", ", paths)), log);
        }

        IReadOnlyList<TopologyInput>? session = _session?.GetDocuments();
        if (session != null && session.Count > 0)
        {
            return Load(session, Messages.Format(Strings.TopologySourceSession, string.Join(", ", session.Select(s => s.Name))), log);
        }

        var files = s_dataFolderFiles.Select(f => Path.Combine(_dataFolder, f)).Where(File.Exists).ToList();
        if (files.Any(f => !f.EndsWith("simpleurls.xml", StringComparison.OrdinalIgnoreCase)))
        {
            return Load(files.Select(TopologyInput.FromFile).ToList(), Messages.Format(Strings.TopologySourceDataFolder, string.Join(", ", files)), log);
        }

        throw new CsCertificateException(
            ErrorIds.TopologyNotFound,
            ErrorKind.ObjectNotFound,
            Messages.Format(Strings.TopologyNotFound, TopologyVariable, Path.Combine(_dataFolder, s_dataFolderFiles[0])),
            _dataFolder);
    }

    private static DeploymentTopology Load(IReadOnlyList<TopologyInput> inputs, string description, OperationLog log)
    {
        log.SetConnection(description);
        return TopologyLoader.Load(inputs);
    }
}
