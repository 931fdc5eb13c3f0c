// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CsCertificate.DnsProtocol;

namespace CsCertificate.Tests.DnsProtocol;

/// <summary>
/// Exchanges captured between BIND 9.18 and its own clients (nsupdate -k, dig -y) through a logging UDP proxy, with
/// the test bed's throwaway keys (Vectors/bind-9.18-exchanges.json): what the DNS client must write and read.
/// </summary>
internal static class BindVectors
{
    private static readonly Lazy<JsonDocument> s_document = new Lazy<JsonDocument>(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DnsProtocol", "Vectors", "bind-9.18-exchanges.json"))));

    public static IReadOnlyList<Exchange> All =>
        s_document.Value.RootElement.GetProperty("exchanges").EnumerateArray().Select(e => new Exchange(
            e.GetProperty("case").GetString()!,
            Convert.FromHexString(e.GetProperty("request").GetString()!),
            Convert.FromHexString(e.GetProperty("response").GetString()!),
            Key(e.TryGetProperty("key", out JsonElement own) ? own : s_document.Value.RootElement.GetProperty("key")))).ToList();

    /// <summary>The exchange whose case starts with the text.</summary>
    public static Exchange Named(string start) => All.Single(e => e.Case.StartsWith(start, StringComparison.Ordinal));

    private static TsigKey Key(JsonElement key) =>
        TsigKey.Create(key.GetProperty("name").GetString()!, key.GetProperty("algorithm").GetString()!, Convert.FromBase64String(key.GetProperty("secret").GetString()!))!;

    internal sealed record Exchange(string Case, byte[] Request, byte[] Response, TsigKey Key)
    {
        public override string ToString() => Case;
    }
}
