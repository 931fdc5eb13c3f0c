// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Text;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.Topology;

/// <summary>
/// One input to the topology loader: a file on disk, or a document handed over by the Skype for Business
/// management shell (Get-CsTopology -AsXml).
/// </summary>
internal sealed class TopologyInput
{
    private readonly Func<Stream> _open;

    private TopologyInput(string name, Func<Stream> open, bool isFile, string? filePath)
    {
        Name = name;
        _open = open;
        IsFile = isFile;
        FilePath = filePath;
    }

    /// <summary>Gets the name used in messages: the full path, or a description of the command.</summary>
    public string Name { get; }

    /// <summary>Gets a value indicating whether the input is a file (which may be an Export-CsConfiguration zip).</summary>
    public bool IsFile { get; }

    /// <summary>Gets the path of the file on disk the input is read from; null for a document held in memory.</summary>
    public string? FilePath { get; }

    /// <summary>
    /// A file on disk. It must be a regular file (or a link to one): a device, FIFO, socket or folder is refused
    /// before it is opened, since reading one may never end or block until a writer comes.
    /// </summary>
    public static TopologyInput FromFile(string path) => new TopologyInput(path, () => OpenRegularFile(path), isFile: true, path);

    public static TopologyInput FromText(string name, string xml) => FromBytes(name, Encoding.UTF8.GetBytes(xml), isFile: false);

    /// <summary>An input held in memory; <paramref name="isFile"/> says whether it may be a zip, as a file may.</summary>
    public static TopologyInput FromBytes(string name, byte[] content, bool isFile) =>
        FromStream(name, () => new MemoryStream(content, writable: false), isFile);

    /// <summary>An input read from a stream the caller opens, which the loader reads within its bounds.</summary>
    public static TopologyInput FromStream(string name, Func<Stream> open, bool isFile) => new TopologyInput(name, open, isFile, null);

    public Stream Open() => _open();

    /// <exception cref="CsCertificateException">The path is not a regular file.</exception>
    private static Stream OpenRegularFile(string path)
    {
        IFileSystemNodes nodes = FileSystemNodes.Current;
        string target = nodes.Resolve(path);
        FileNodeType type = nodes.TypeOf(target);
        if (type != FileNodeType.Missing && type != FileNodeType.RegularFile)
        {
            throw new CsCertificateException(
                ErrorIds.TopologyFileNotRegular,
                ErrorKind.InvalidArgument,
                Messages.Format(Strings.TopologyFileNotRegular, path, FileSystemNodes.Describe(type)),
                path);
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
    }
}
