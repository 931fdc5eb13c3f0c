// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Net.Sockets;
using CsCertificate.Common;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.Common;

/// <summary>What a path is without following it, and where its links lead, on this platform.</summary>
public sealed class FileSystemNodesTests : IDisposable
{
    private readonly TempFolder _temp = new TempFolder();
    private readonly IFileSystemNodes _nodes = FileSystemNodes.Current;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void TellsFilesFoldersLinksAndNothingApart()
    {
        string file = _temp.Write("file.txt", "x");
        string link = _temp.File("link.txt");
        File.CreateSymbolicLink(link, file);

        Assert.Equal(FileNodeType.RegularFile, _nodes.TypeOf(file));
        Assert.Equal(FileNodeType.Directory, _nodes.TypeOf(_temp.Path));
        Assert.Equal(FileNodeType.SymbolicLink, _nodes.TypeOf(link));
        Assert.Equal(FileNodeType.Missing, _nodes.TypeOf(_temp.File("none.txt")));
        Assert.Equal(FileNodeType.Missing, _nodes.TypeOf(Path.Combine(file, "below-a-file.txt")));
    }

    [UnixFact]
    public void TellsDevicesFifosAndSocketsApart()
    {
        string fifo = SpecialFiles.Fifo(_temp.File("fifo"));
        using Socket socket = SpecialFiles.Socket(_temp.File("socket"));

        Assert.Equal(FileNodeType.NamedPipe, _nodes.TypeOf(fifo));
        Assert.Equal(FileNodeType.Socket, _nodes.TypeOf(_temp.File("socket")));
        Assert.Equal(FileNodeType.CharacterDevice, _nodes.TypeOf("/dev/null"));
    }

    [Fact]
    public void FollowsAChainOfRelativeAndAbsoluteLinksToTheFinalFile()
    {
        string target = _temp.Write(Path.Combine("real", "target.csr"), "x");
        Directory.CreateDirectory(_temp.File("sub"));
        File.CreateSymbolicLink(_temp.File("request.csr"), Path.Combine("sub", "one.csr"));
        File.CreateSymbolicLink(_temp.File(Path.Combine("sub", "one.csr")), Path.Combine("..", "sub", "two.csr"));
        File.CreateSymbolicLink(_temp.File(Path.Combine("sub", "two.csr")), target);

        string resolved = _nodes.Resolve(_temp.File("request.csr"));

        Assert.Equal(_nodes.Resolve(target), resolved);
        Assert.EndsWith(Path.Combine("real", "target.csr"), resolved);
        Assert.Equal(FileNodeType.RegularFile, _nodes.TypeOf(resolved));
    }

    [Fact]
    public void FollowsLinkedFoldersInThePathAndKeepsAMissingEnd()
    {
        Directory.CreateDirectory(_temp.File("real"));
        Directory.CreateSymbolicLink(_temp.File("linked"), "real");

        Assert.Equal(Path.Combine(_nodes.Resolve(_temp.File("real")), "new.csr"), _nodes.Resolve(_temp.File(Path.Combine("linked", "new.csr"))));
    }

    [Fact]
    public void FollowsALinkWhoseTargetDoesNotExistYet()
    {
        File.CreateSymbolicLink(_temp.File("request.csr"), "later.csr");

        Assert.Equal(Path.Combine(_nodes.Resolve(_temp.Path), "later.csr"), _nodes.Resolve(_temp.File("request.csr")));
    }

    [UnixFact]
    public void RefusesLinksThatLoop()
    {
        File.CreateSymbolicLink(_temp.File("a"), "b");
        File.CreateSymbolicLink(_temp.File("b"), "a");

        IOException ex = Assert.Throws<IOException>(() => _nodes.Resolve(_temp.File("a")));

        Assert.Contains(_temp.File("a"), ex.Message);
    }

    [Theory]
    [InlineData(@"\\?\C:\Data\r.csr", @"C:\Data\r.csr")]
    [InlineData(@"\\?\UNC\server\share\r.csr", @"\\server\share\r.csr")]
    [InlineData(@"\??\C:\Target", @"C:\Target")]
    [InlineData(@"C:\Data\r.csr", @"C:\Data\r.csr")]
    public void TurnsWindowsFinalPathNamesIntoOrdinaryPaths(string final, string expected)
    {
        Assert.Equal(expected, WindowsFileSystemNodes.StripPrefix(final));
    }

    [WindowsFact]
    public void TellsTheNullDeviceOfWindowsFromAFile()
    {
        Assert.Equal(FileNodeType.CharacterDevice, _nodes.TypeOf(_temp.File("NUL")));
        Assert.Equal(FileNodeType.CharacterDevice, _nodes.TypeOf(_nodes.Resolve(_temp.File("NUL"))));
    }

    [WindowsFact]
    public void FollowsAJunctionInThePath()
    {
        Directory.CreateDirectory(_temp.File("real"));
        using (var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("cmd.exe", "/c mklink /J \"" + _temp.File("junction") + "\" \"" + _temp.File("real") + "\"") { UseShellExecute = false })!)
        {
            process.WaitForExit();
        }

        Assert.Equal(FileNodeType.SymbolicLink, _nodes.TypeOf(_temp.File("junction")));
        Assert.Equal(Path.Combine(_nodes.Resolve(_temp.File("real")), "r.csr"), _nodes.Resolve(_temp.File(@"junction\r.csr")), StringComparer.OrdinalIgnoreCase);
    }
}
