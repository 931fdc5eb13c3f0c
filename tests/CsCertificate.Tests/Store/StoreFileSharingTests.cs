// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CsCertificate.Common;
using CsCertificate.Model;
using CsCertificate.Store;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.Store;

/// <summary>
/// Windows file semantics: a file another process holds open can be replaced or deleted only if that process
/// shares it for deleting, and even then a scanner may hold it for a moment. On Linux and macOS these tests pass
/// without the fix; the Windows jobs run them where they decide.
/// </summary>
public sealed class StoreFileSharingTests : IDisposable
{
    private const string Key = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n";

    private readonly TempFolder _temp = new TempFolder();
    private readonly RequestStore _store;

    public StoreFileSharingTests() => _store = new RequestStore(_temp.File("home"));

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(32)]
    [InlineData(1175)]
    [InlineData(1176)]
    public void RetriesASharingViolationUntilTheOtherHandleIsGone(int win32Error)
    {
        var pauses = new List<TimeSpan>();
        int attempts = 0;

        SharingViolationRetry.Run(
            () =>
            {
                if (++attempts < 3)
                {
                    throw new IOException("The process cannot access the file because it is being used by another process.", unchecked((int)0x80070000) | win32Error);
                }
            },
            pauses.Add);

        Assert.Equal(3, attempts);
        Assert.Equal(2, pauses.Count);
    }

    [Fact]
    public void OtherFailuresAreNotRetried()
    {
        var pauses = new List<TimeSpan>();
        var denied = new IOException("Access is denied.", unchecked((int)0x80070005));

        Assert.Same(denied, Assert.Throws<IOException>(() => SharingViolationRetry.Run(() => throw denied, pauses.Add)));
        Assert.Empty(pauses);
        Assert.False(SharingViolationRetry.IsSharingViolation(new IOException("Resource temporarily unavailable", 11)));
    }

    [Fact]
    public void GivesUpAfterAMomentWithTheSharingViolation()
    {
        var pauses = new List<TimeSpan>();
        var busy = new IOException("in use", unchecked((int)0x80070020));

        Assert.Same(busy, Assert.Throws<IOException>(() => SharingViolationRetry.Run(() => throw busy, pauses.Add)));
        Assert.InRange(pauses.Aggregate(TimeSpan.Zero, (a, b) => a + b), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ARecordIsReplacedAndDeletedWhileAnotherCommandReadsIt()
    {
        RequestRecord record = _store.Add(Record(), Key);
        string recordPath = Path.Combine(_store.RequestsFolder, "000001.json");
        string keyPath = _store.KeyPath(record)!;

        // What the store's own reads hold: shared for writing and deleting.
        using (SharedFile.OpenRead(recordPath))
        using (SharedFile.OpenRead(keyPath))
        {
            record.StatusMessage = "changed while read";
            _store.Update(record);
            Assert.True(_store.Remove(record.RequestId));
        }

        Assert.False(File.Exists(recordPath));
        Assert.False(File.Exists(keyPath));
    }

    [Fact]
    public async Task ARecordIsReplacedOnceAScannerThatHeldItLetsGo()
    {
        RequestRecord record = _store.Add(Record(), Key);
        string recordPath = Path.Combine(_store.RequestsFolder, "000001.json");

        // A scanner or an older version of the module: reading shared, no delete sharing, let go a moment later.
        var scanner = new FileStream(recordPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        Task letGo = Task.Run(async () =>
        {
            await Task.Delay(150);
            scanner.Dispose();
        });
        record.StatusMessage = "written after the scan";
        _store.Update(record);
        await letGo;

        Assert.Equal("written after the scan", _store.Find(1, new List<StoreProblem>())!.StatusMessage);
    }

    [Fact]
    public void ADataFolderTooLongForWindowsPowerShellIsRefusedWithItsOwnIdAndTheRemedy()
    {
        string home = Path.Combine(_temp.Path, new string('d', StorePathLength.LongestDataFolder));

        var ex = Assert.Throws<CsCertificateException>(() => StorePathLength.Check(home, longPathsSupported: false));

        Assert.Equal(ErrorIds.StorePathTooLong, ex.ErrorId);
        Assert.Contains(home, ex.Message, StringComparison.Ordinal);
        Assert.Contains("CSCERTIFICATE_HOME", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PowerShell 7", ex.Message, StringComparison.Ordinal);
        StorePathLength.Check(home.Substring(0, StorePathLength.LongestDataFolder), longPathsSupported: false);
        StorePathLength.Check(home, longPathsSupported: true);
    }

    [Fact]
    public void APathTooLongMetAnywayIsTheSameError()
    {
        CsCertificateException error = StoreErrors.Translate(new PathTooLongException("too long"), "C:\\deep", ErrorIds.StoreWriteFailed, "{0} {1}");

        Assert.Equal(ErrorIds.StorePathTooLong, error.ErrorId);
    }

    [Fact]
    public void ADeepDataFolderWorksOnThisRuntimeOrIsRefusedBeforeAnythingIsWritten()
    {
        // More than 260 characters in all, as a data folder deep in a profile or a share can be.
        string home = Path.Combine(_temp.Path, new string('a', 100), new string('b', 100), new string('c', 60));
        var store = new RequestStore(home);

        if (!StorePathLength.RuntimeSupportsLongPaths)
        {
            Assert.Equal(ErrorIds.StorePathTooLong, Assert.Throws<CsCertificateException>(() => store.Add(Record(), Key)).ErrorId);
            return;
        }

        RequestRecord record = store.Add(Record(), Key);
        record.StatusMessage = "updated";
        store.Update(record);

        Assert.Equal("updated", Assert.Single(store.List().Records).StatusMessage);
        Assert.True(store.Remove(record.RequestId));
    }

    private static RequestRecord Record() => new RequestRecord
    {
        Status = RequestStatus.Offline,
        FriendlyName = "sharing",
        CertificateUses = new[] { "Default" },
        SubjectName = "pool.contoso.com",
        Subject = "CN=pool.contoso.com",
        RequestTime = "2026-11-26T12:00:00.0000000Z",
    };
}
