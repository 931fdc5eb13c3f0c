// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using CsCertificate.CaClient.Acme;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.CaClient.Acme;

/// <summary>The challenges of a data folder that are being validated: kept, answered, marked and removed.</summary>
public sealed class AcmeChallengeStoreTests : IDisposable
{
    private static readonly DateTime s_now = new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    private readonly TempFolder _temp = new TempFolder();
    private readonly AcmeChallengeStore _store;

    public AcmeChallengeStoreTests()
    {
        _store = new AcmeChallengeStore(_temp.Path);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void KeepsAChallengeOwnerOnlyInTheDataFolderAndAnswersItsToken()
    {
        _store.Save(Challenge("tok-1", "https://ca/order/1", 1));

        Assert.Equal(Path.Combine(_temp.Path, "acme", "challenges"), _store.Folder);
        Assert.True(File.Exists(Path.Combine(_store.Folder, "tok-1.json")));
        Assert.Equal("tok-1.thumb", _store.Http01Answer("tok-1"));
        Assert.Null(_store.Http01Answer("tok-2"));
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Assert.Equal("600", Mode(Path.Combine(_store.Folder, "tok-1.json")));
            Assert.Equal("700", Mode(_store.Folder));
            Assert.Equal("700", Mode(Path.GetDirectoryName(_store.Folder)!));
        }
    }

    [Theory]
    [InlineData("../keys/000001")]
    [InlineData("a/b")]
    [InlineData("a.b")]
    [InlineData("")]
    [InlineData("tok en")]
    public void TakesOnlyBase64UrlTokens(string token)
    {
        Assert.False(AcmeChallengeStore.IsToken(token));
        Assert.Null(_store.Find(token));
        Assert.Throws<ArgumentException>(() => _store.Save(Challenge(token, "https://ca/order/1", 1)));
    }

    [Fact]
    public void RemovesTheChallengesOfAnOrderOrOfARequest()
    {
        _store.Save(Challenge("a1", "https://ca/order/a", 1));
        _store.Save(Challenge("a2", "https://ca/order/a", 1));
        _store.Save(Challenge("b1", "https://ca/order/b", 2));
        _store.Save(Challenge("c1", "https://ca/order/c", 3));

        _store.RemoveOrder("https://ca/order/a");
        _store.RemoveRequest(2);

        Assert.Equal(new[] { "c1" }, _store.All().Select(c => c.Token));
    }

    [Fact]
    public void MarksWhenTheResponderClosedAndAFreshSaveClearsTheMark()
    {
        _store.Save(Challenge("t1", "https://ca/order/1", 1));

        _store.MarkResponderClosed(new[] { "t1", "unknown" }, s_now);
        string? marked = _store.Find("t1")!.ResponderClosed;
        _store.MarkResponderClosed(new[] { "t1" }, s_now.AddHours(1));

        Assert.Equal(s_now, DateTime.Parse(marked!, null, System.Globalization.DateTimeStyles.RoundtripKind));
        Assert.Equal(marked, _store.Find("t1")!.ResponderClosed);
        _store.Save(Challenge("t1", "https://ca/order/1", 1));
        Assert.Null(_store.Find("t1")!.ResponderClosed);
        Assert.Null(_store.Find("unknown"));
    }

    [Fact]
    public void RemovesExpiredAndUnreadableChallengesAndStaleTemporaryFiles()
    {
        AcmeChallengeRecord expired = Challenge("old", "https://ca/order/1", 1);
        expired.Expires = "2026-11-26T11:00:00Z";
        AcmeChallengeRecord current = Challenge("new", "https://ca/order/2", 2);
        current.Expires = "2026-11-27T11:00:00Z";
        _store.Save(expired);
        _store.Save(current);
        _store.Save(Challenge("undated", "https://ca/order/3", 3));
        File.WriteAllText(Path.Combine(_store.Folder, "broken.json"), "{ not json");
        string stale = Path.Combine(_store.Folder, ".new.json.0123.tmp");
        File.WriteAllText(stale, "{}");
        File.SetLastWriteTimeUtc(stale, s_now.AddHours(-2));

        _store.RemoveExpired(s_now);

        Assert.Equal(new[] { "new", "undated" }, _store.All().Select(c => c.Token).OrderBy(t => t));
        Assert.False(File.Exists(Path.Combine(_store.Folder, "broken.json")));
        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void KeepsAnExpiredDnsChallengeWhoseRecordMayStillBeInDns()
    {
        AcmeChallengeRecord published = Challenge("published", "https://ca/order/1", 1);
        published.Type = AcmeChallenge.Dns01;
        published.TxtName = "_acme-challenge.pool.contoso.com";
        published.TxtValue = "value";
        published.Published = true;
        published.Expires = "2026-11-26T11:00:00Z";
        AcmeChallengeRecord removed = Challenge("removed", "https://ca/order/1", 1);
        removed.Type = AcmeChallenge.Dns01;
        removed.Expires = "2026-11-26T11:00:00Z";
        _store.Save(published);
        _store.Save(removed);

        _store.RemoveExpired(s_now);

        Assert.Equal(new[] { "published" }, _store.All().Select(c => c.Token));
        Assert.True(_store.Find("published")!.Published);
        Assert.Null(_store.Http01Answer("published"));
    }

    private static AcmeChallengeRecord Challenge(string token, string order, int requestId) => new AcmeChallengeRecord
    {
        Type = AcmeChallenge.Http01,
        Token = token,
        KeyAuthorization = token + ".thumb",
        Identifier = "pool.contoso.com",
        Authorization = order + "/authz",
        Order = order,
        RequestId = requestId,
    };

    [UnsupportedOSPlatform("windows")]
    private static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path) & 0x1FF, 8);
}
