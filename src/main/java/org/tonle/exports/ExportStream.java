package org.tonle.exports;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Streams one export to its response, page by page, at the pace the client reads.
 *
 * <p>On the event loop: read a page of submissions, have a worker turn it into bytes (rows,
 * compression), write them, and read the next page only once the response's write queue has room
 * ({@code writeQueueFull}, then {@code drainHandler}). While a page is being formatted the next is
 * already being read, so the store and the worker overlap; at most those two pages and the write
 * queue are in memory, whatever the size of the export and however slowly the client reads. A
 * client that goes away stops the reading at the next page.
 */
final class ExportStream {

    /** The connection's write buffer, in bytes, past which writes queue in Vert.x. */
    static final int WRITE_QUEUE_BYTES = 256 * 1024;
    /**
     * Pages are written in pieces of this size: Vert.x 5 counts its write queue in messages (full
     * past 16 while the connection's buffer is full), so one write per page would let a dozen pages
     * queue up before {@code writeQueueFull} said so. In pieces, a client that stops reading holds
     * at most the buffer and 16 pieces, about half a megabyte.
     */
    static final int PIECE_BYTES = 16 * 1024;

    /** Why an export stopped before its end: the client closed the connection. */
    static final class ClientGone extends RuntimeException {
        ClientGone() {
            super("the client closed the connection", null, false, false);
        }
    }

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final Pages pages;
    private final Rows rows;
    private final TableWriter writer;
    private final Chunks chunks;
    private final ExportMetrics metrics;
    private final Promise<Long> done = Promise.promise();
    private long written;
    private volatile boolean closed;

    ExportStream(Vertx vertx, HttpServerResponse response, Pages pages, Rows rows, TableWriter writer, Chunks chunks,
            ExportMetrics metrics) {
        this.vertx = vertx;
        this.response = response;
        this.pages = pages;
        this.rows = rows;
        this.writer = writer;
        this.chunks = chunks;
        this.metrics = metrics;
    }

    /** Starts; completes with the number of rows once the response has ended, fails if the export could not finish. */
    Future<Long> run() {
        response.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
        response.closeHandler(v -> closed = true);
        Future<List<JsonObject>> first = pages.next();
        onWorker(() -> {
            writer.header();
            return null;
        }).compose(v -> send()).onSuccess(v -> page(first)).onFailure(this::fail);
        return done.future();
    }

    private void page(Future<List<JsonObject>> read) {
        read.onFailure(this::fail).onSuccess(docs -> {
            if (closed) {
                done.tryFail(new ClientGone());
                return;
            }
            metrics.read(docs.size());
            if (docs.isEmpty()) {
                finish();
                return;
            }
            Future<List<JsonObject>> next = pages.next();
            onWorker(() -> {
                List<Object[]> page = new ArrayList<>(docs.size());
                docs.forEach(d -> page.add(rows.row(d)));
                writer.rows(page);
                return null;
            }).compose(v -> {
                written += docs.size();
                metrics.written(docs.size());
                return send();
            }).onSuccess(v -> page(next)).onFailure(this::fail);
        });
    }

    private void finish() {
        onWorker(() -> {
            writer.finish(written);
            return null;
        }).compose(v -> send()).compose(v -> response.end()).onSuccess(v -> done.tryComplete(written)).onFailure(this::fail);
    }

    /** Whatever failed once the client has gone (a write to the closed connection) failed because it went. */
    private void fail(Throwable cause) {
        done.tryFail(closed ? new ClientGone() : cause);
    }

    /** Writes what the writer produced; completes once the write queue has room for more. */
    private Future<Void> send() {
        if (closed) {
            return Future.failedFuture(new ClientGone());
        }
        Buffer bytes = chunks.take();
        for (int at = 0; at < bytes.length(); at += PIECE_BYTES) {
            response.write(bytes.slice(at, Math.min(bytes.length(), at + PIECE_BYTES)));
        }
        if (!response.writeQueueFull()) {
            return Future.succeededFuture();
        }
        Promise<Void> room = Promise.promise();
        metrics.paused();
        response.drainHandler(v -> room.tryComplete());
        response.closeHandler(v -> {
            closed = true;
            room.tryFail(new ClientGone());
        });
        return room.future();
    }

    private <T> Future<T> onWorker(Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }
}
