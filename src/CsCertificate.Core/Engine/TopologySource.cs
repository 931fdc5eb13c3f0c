// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;
using System.Linq;
using CsCertificate.Topology;

namespace CsCertificate.Engine;

/// <summary>The topology source a command reads: its inputs, and how the log names it.</summary>
internal sealed class TopologySource
{
    public TopologySource(string description, IReadOnlyList<TopologyInput> inputs)
    {
        Description = description;
        Inputs = inputs;
    }

    /// <summary>Gets the "Topology source: …" line of the log.</summary>
    public string Description { get; }

    public IReadOnlyList<TopologyInput> Inputs { get; }

    /// <summary>Gets the files on disk the source reads, which nothing the command writes may replace.</summary>
    public IEnumerable<string> Files => Inputs.Select(i => i.FilePath).Where(p => p != null).Select(p => p!);
}
