// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using CsCertificate.Common;
using CsCertificate.DnsProtocol;
using CsCertificate.Resources;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// Adds and removes dns-01 TXT records with RFC 2136 updates, one UPDATE per zone, signed with the TSIG key of
/// -DnsKeyPath when there is one. The key is read from its file when first needed, and only ever named.
/// </summary>
internal sealed class Rfc2136ChallengeUpdater : IDnsChallengeUpdater
{
    /// <summary>The TTL of the records: short, since they live for one validation.</summary>
    public const uint RecordTtl = 60;

    private readonly string? _keyPath;
    private readonly TimeSpan _timeout;
    private readonly Func<DateTime> _utcNow;
    private TsigKey? _key;

    public Rfc2136ChallengeUpdater(string? keyPath, TimeSpan timeout, Func<DateTime> utcNow)
    {
        _keyPath = keyPath;
        _timeout = timeout;
        _utcNow = utcNow;
    }

    public void Add(IReadOnlyList<AcmeChallengeRecord> records, CancellationToken cancel) =>
        Send(records, records.Select(r => DnsRecord.Txt(r.TxtName!, r.TxtValue!, DnsClass.IN, RecordTtl)), cancel);

    public void Remove(IReadOnlyList<AcmeChallengeRecord> records, CancellationToken cancel) =>
        Send(records, records.Select(r => DnsRecord.Txt(r.TxtName!, r.TxtValue!, DnsClass.None, 0)), cancel);

    private void Send(IReadOnlyList<AcmeChallengeRecord> records, IEnumerable<DnsRecord> changes, CancellationToken cancel)
    {
        string zone = records[0].Zone!;
        string server = records[0].DnsServer!;
        if (_keyPath != null)
        {
            _key ??= TsigKeyFile.Read(_keyPath);
        }

        try
        {
            IPEndPoint endPoint = (DnsServerAddress.Parse(server) ?? throw new DnsException(Messages.Format(Strings.DnsHostUnresolved, server, Strings.DnsReasonNoAddress))).Resolve();
            new DnsUpdateClient(endPoint, _key, _timeout, _utcNow).Send(zone, changes, cancel);
        }
        catch (DnsException ex)
        {
            throw new CsCertificateException(ErrorIds.DnsServerUnreachable, ErrorKind.ResourceUnavailable, Messages.Format(Strings.DnsUpdateNoAnswer, server, zone, ex.Message), server, ex);
        }
        catch (DnsUpdateException ex) when (ex.IsRefusal && _key == null)
        {
            throw new CsCertificateException(ErrorIds.DnsUpdateRefused, ErrorKind.PermissionDenied, Messages.Format(Strings.DnsUpdateRefusedUnsigned, server, zone, ex.Message), server, ex);
        }
        catch (DnsUpdateException ex) when (ex.IsRefusal)
        {
            string reason = ex.TsigError switch
            {
                DnsResponseCode.BadKey => Strings.DnsReasonBadKey,
                DnsResponseCode.BadSig => Strings.DnsReasonBadSig,
                DnsResponseCode.BadTime => Strings.DnsReasonBadTime,
                _ => Strings.DnsReasonNotAllowed,
            };
            throw new CsCertificateException(ErrorIds.DnsUpdateRefused, ErrorKind.PermissionDenied, Messages.Format(Strings.DnsUpdateRefusedSigned, server, zone, _key!.Name, _keyPath, ex.Message, reason), server, ex);
        }
        catch (DnsUpdateException ex) when (ex.SignatureInvalid)
        {
            throw new CsCertificateException(ErrorIds.DnsUpdateFailed, ErrorKind.SecurityError, Messages.Format(Strings.DnsUpdateAnswerUnsigned, server, zone, _key!.Name), server, ex);
        }
        catch (DnsUpdateException ex)
        {
            throw new CsCertificateException(ErrorIds.DnsUpdateFailed, ErrorKind.InvalidResult, Messages.Format(Strings.DnsUpdateFailedAnswer, server, zone, ex.Message), server, ex);
        }
    }
}
