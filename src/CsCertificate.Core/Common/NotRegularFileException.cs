// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.IO;

namespace CsCertificate.Common;

/// <summary>A write that would have replaced something other than a regular file (a device, a FIFO, a folder).</summary>
internal sealed class NotRegularFileException : IOException
{
    public NotRegularFileException(string path, FileNodeType type)
        : base(FileSystemNodes.Describe(type) + ": " + path)
    {
        Path = path;
        Type = type;
    }

    public string Path { get; }

    public FileNodeType Type { get; }
}
