// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCertificate.Common;
using CsCertificate.Store;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.Store;

/// <summary>
/// The guard's decisions, on a real folder tree whose owners and access the test sets through a fake
/// <see cref="IFolderSecurity"/>: the same logic runs on Windows (owner Administrators, access lists) and on
/// Linux and macOS (uid, modes). RequestStoreTests and DataFolder.Tests.ps1 check the real platforms.
/// </summary>
public sealed class StoreFolderGuardTests : IDisposable
{
    private readonly TempFolder _temp = new TempFolder();
    private readonly FakeFolderSecurity _security = new FakeFolderSecurity();
    private readonly List<string> _verbose = new List<string>();
    private readonly string _home;

    public StoreFolderGuardTests()
    {
        _home = _temp.File("home");
        foreach (string folder in new[] { "requests", "keys", "tmp", "acme/0123456789abcdef" })
        {
            Directory.CreateDirectory(Path.Combine(_home, folder));
        }

        File.WriteAllText(Path.Combine(_home, "store.json"), "{}");
        File.WriteAllText(Path.Combine(_home, "requests", "000001.json"), "{}");
        File.WriteAllText(Path.Combine(_home, "keys", "000001.key"), "key");
        File.WriteAllText(Path.Combine(_home, "acme", "0123456789abcdef", "account.key"), "key");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void PassesAClosedStoreWithoutChangingIt()
    {
        Check();

        Assert.Empty(_security.Restricted);
        Assert.Empty(_verbose);
    }

    [Fact]
    public void PassesADataFolderThatDoesNotExistYet()
    {
        new StoreFolderGuard(_security, _temp.File("none"), _verbose.Add).Check();

        Assert.Empty(_security.Restricted);
    }

    [Fact]
    public void RestrictsAnOpenFolderAndItsFilesAndSaysSoWithTheOldAndNewAccess()
    {
        _security.Open(At("requests"), At("requests/000001.json"), At("store.json"));

        Check();

        Assert.Equal(new[] { At("requests/000001.json"), At("requests"), At("store.json") }.OrderBy(p => p), _security.Restricted.OrderBy(p => p));
        Assert.Contains(_verbose, line => line.Contains(At("requests")) && line.Contains("open") && line.Contains("closed"));
    }

    [Fact]
    public void SetsAdministratorsAsTheOwnerOfAFolderTheCurrentUserOwns()
    {
        // Windows: a folder made by the administrator's own account, not by the elevated token's Administrators.
        _security.Own(EntryOwner.CurrentUser, At("keys"), At("store.json"));

        Check();

        Assert.Equal(new[] { At("keys") }, _security.Restricted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("requests")]
    [InlineData("acme")]
    [InlineData("acme/0123456789abcdef")]
    [InlineData("store.json")]
    public void RefusesWhatAnotherUserOwnsAndNamesIt(string entry)
    {
        string path = entry.Length == 0 ? _home : At(entry);
        _security.Own(EntryOwner.Other, path);

        CsCertificateException ex = Assert.Throws<CsCertificateException>(Check);

        Assert.Equal(ErrorIds.StoreNotOwned, ex.ErrorId);
        Assert.Contains("\"" + path + "\"", ex.Message);
        Assert.Contains("another user", ex.Message);
        Assert.Contains("CSCERTIFICATE_HOME", ex.Message);
        Assert.Equal(path, ex.Target);
    }

    [Fact]
    public void RefusesAFileOfAnotherUserInAnOpenFolderAndLeavesTheFolderOpenForTheNextCommandToFind()
    {
        _security.Open(At("requests"));
        _security.Own(EntryOwner.Other, At("requests/000001.json"));

        CsCertificateException ex = Assert.Throws<CsCertificateException>(Check);

        Assert.Equal(ErrorIds.StoreNotOwned, ex.ErrorId);
        Assert.Contains("000001.json", ex.Message);
        Assert.DoesNotContain(At("requests"), _security.Restricted);
    }

    [Fact]
    public void DoesNotReadTheFilesOfAClosedFolder()
    {
        // requests/ and keys/ grow with the store: a command must not look at every file when nobody else could reach them.
        Check();

        Assert.DoesNotContain(At("requests/000001.json"), _security.Read);
        Assert.DoesNotContain(At("keys/000001.key"), _security.Read);
        Assert.Contains(At("store.json"), _security.Read);
        Assert.Contains(At("acme/0123456789abcdef"), _security.Read);
    }

    [Fact]
    public void ChecksTheAcmeAccountFoldersOnEveryCommand()
    {
        _security.Open(At("acme/0123456789abcdef"), At("acme/0123456789abcdef/account.key"));

        Check();

        Assert.Contains(At("acme/0123456789abcdef"), _security.Restricted);
        Assert.Contains(At("acme/0123456789abcdef/account.key"), _security.Restricted);
    }

    [Theory]
    [InlineData("keys", "Link")]
    [InlineData("requests", "File")]
    [InlineData("acme", "Link")]
    [InlineData("tmp", "Other")]
    public void RefusesAStoreFolderThatIsNotARealFolder(string folder, string kind)
    {
        _security.Set(At(folder), (EntryKind)Enum.Parse(typeof(EntryKind), kind));

        CsCertificateException ex = Assert.Throws<CsCertificateException>(Check);

        Assert.Equal(ErrorIds.StoreFolderUnsafe, ex.ErrorId);
        Assert.Contains("\"" + At(folder) + "\"", ex.Message);
    }

    [Fact]
    public void LeavesTheUsersOwnLinkInTheDataFolderButNotSomeoneElses()
    {
        File.WriteAllText(At("topology.xml"), "<Topology/>");
        _security.Set(At("topology.xml"), EntryKind.Link);

        Check();
        Assert.Empty(_security.Restricted);

        _security.Own(EntryOwner.Other, At("topology.xml"));
        Assert.Equal(ErrorIds.StoreNotOwned, Assert.Throws<CsCertificateException>(Check).ErrorId);
    }

    [Fact]
    public void GoesOnWhenAnOpenFolderLiesOnAReadOnlyFileSystem()
    {
        // Nobody can change a read-only file system, so -List of such a store still works.
        _security.Open(At("requests"));
        _security.RestrictFailure = new IOException("Read-only file system", 30);

        Check();

        Assert.Contains(_verbose, line => line.Contains(At("requests")) && line.Contains("read-only"));
    }

    [Fact]
    public void ReportsAFolderItMayNotLookAtAsPermissionDenied()
    {
        _security.ReadFailure = new UnauthorizedAccessException("Permission denied");

        CsCertificateException ex = Assert.Throws<CsCertificateException>(Check);

        Assert.Equal(ErrorIds.StorePermissionDenied, ex.ErrorId);
        Assert.Contains(_home, ex.Message);
    }

    private void Check() => new StoreFolderGuard(_security, _home, _verbose.Add).Check();

    private string At(string relative) => System.IO.Path.Combine(_home, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>Reads kinds from the disk; owners and access from what the test set (closed and trusted unless told).</summary>
    private sealed class FakeFolderSecurity : IFolderSecurity
    {
        private readonly Dictionary<string, EntryKind> _kinds = new Dictionary<string, EntryKind>();
        private readonly Dictionary<string, EntryOwner> _owners = new Dictionary<string, EntryOwner>();
        private readonly HashSet<string> _open = new HashSet<string>();

        public List<string> Restricted { get; } = new List<string>();

        public List<string> Read { get; } = new List<string>();

        public Exception? RestrictFailure { get; set; }

        public Exception? ReadFailure { get; set; }

        public string TrustedOwnerName => "the test";

        public void Open(params string[] paths) => _open.UnionWith(paths);

        public void Own(EntryOwner owner, params string[] paths)
        {
            foreach (string path in paths)
            {
                _owners[path] = owner;
            }
        }

        public void Set(string path, EntryKind kind) => _kinds[path] = kind;

        EntrySecurity IFolderSecurity.Read(string path, bool isDataFolder)
        {
            if (ReadFailure != null)
            {
                throw ReadFailure;
            }

            Read.Add(path);
            EntryKind kind = _kinds.TryGetValue(path, out EntryKind set) ? set
                : Directory.Exists(path) ? EntryKind.Folder
                : File.Exists(path) ? EntryKind.File
                : EntryKind.Missing;
            if (kind == EntryKind.Missing)
            {
                return EntrySecurity.Missing;
            }

            bool open = _open.Contains(path);
            return new EntrySecurity(kind, _owners.TryGetValue(path, out EntryOwner owner) ? owner : EntryOwner.Trusted, "someone else", open, open ? "open" : "closed");
        }

        public string Restrict(string path, EntryKind kind)
        {
            if (RestrictFailure != null)
            {
                throw RestrictFailure;
            }

            Restricted.Add(path);
            _open.Remove(path);
            return "closed";
        }
    }
}
