// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;

namespace CsCertificate.Common;

/// <summary>
/// Reads another stream and fails as soon as more than a limit has been read (from its start, for a stream that
/// seeks), whatever its length claims: a file that grows while it is read or a file system that reports no size
/// cannot make a reader run on without end.
/// </summary>
internal sealed class LimitedReadStream : Stream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private long _read;

    public LimitedReadStream(Stream inner, long limit)
    {
        _inner = inner;
        _limit = limit;
    }

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => _inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    /// <exception cref="StreamLimitExceededException">The data goes on past the limit.</exception>
    public override int Read(byte[] buffer, int offset, int count)
    {
        long start = _inner.CanSeek ? _inner.Position : _read;
        int read = _inner.Read(buffer, offset, (int)Math.Min(count, Math.Max(1, _limit - start + 1)));
        _read += read;
        if (start + read > _limit)
        {
            throw new StreamLimitExceededException(_limit);
        }

        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
