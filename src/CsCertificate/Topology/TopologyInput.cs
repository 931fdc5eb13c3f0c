// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Text;

namespace CsCertificate.Topology;

/// <summary>
/// One input to the topology loader: a file on disk, or a document handed over by the Skype for Business
/// management shell (Get-CsTopology -AsXml).
/// </summary>
internal sealed class TopologyInput
{
    private readonly Func<Stream> _open;

    private TopologyInput(string name, Func<Stream> open, bool isFile)
    {
        Name = name;
        _open = open;
        IsFile = isFile;
    }

    /// <summary>Gets the name used in messages: the full path, or a description of the command.</summary>
    public string Name { get; }

    /// <summary>Gets a value indicating whether the input is a file (which may be an Export-CsConfiguration zip).</summary>
    public bool IsFile { get; }

    public static TopologyInput FromFile(string path) =>
        new TopologyInput(path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024), isFile: true);

    public static TopologyInput FromText(string name, string xml) => FromBytes(name, Encoding.UTF8.GetBytes(xml), isFile: false);

    /// <summary>An input held in memory; <paramref name="isFile"/> says whether it may be a zip, as a file may.</summary>
    public static TopologyInput FromBytes(string name, byte[] content, bool isFile) =>
        new TopologyInput(name, () => new MemoryStream(content, writable: false), isFile);

    public Stream Open() => _open();
}
