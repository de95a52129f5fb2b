package dev.hush.live;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.UpgradeRequest;
import org.eclipse.jetty.websocket.api.UpgradeResponse;
import org.eclipse.jetty.websocket.api.exceptions.WebSocketTimeoutException;

/**
 * A Jetty session that records what is sent. Its sends complete only when the test calls
 * {@link #completeSends}, so a test can play a client that stops reading.
 */
final class FakeSession implements Session {
    final List<String> sent = new ArrayList<>();
    final List<Callback> pending = new ArrayList<>();
    int closeCode;
    boolean disconnected;

    void completeSends() {
        List<Callback> done = new ArrayList<>(pending);
        pending.clear();
        done.forEach(Callback::succeed);
    }

    @Override
    public void sendText(String text, Callback callback) {
        sent.add(text);
        pending.add(callback);
    }

    @Override
    public void close(int statusCode, String reason, Callback callback) {
        closeCode = statusCode;
        callback.succeed();
    }

    @Override
    public void disconnect() {
        disconnected = true;
        List<Callback> failed = new ArrayList<>(pending);
        pending.clear();
        failed.forEach(callback -> callback.fail(new IllegalStateException("disconnected")));
    }

    @Override
    public boolean isOpen() {
        return closeCode == 0 && !disconnected;
    }

    @Override
    public void demand() {
    }

    @Override
    public void sendBinary(ByteBuffer buffer, Callback callback) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendPartialBinary(ByteBuffer buffer, boolean last, Callback callback) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendPartialText(String text, boolean last, Callback callback) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendPing(ByteBuffer applicationData, Callback callback) {
        callback.succeed();
    }

    @Override
    public void sendPong(ByteBuffer applicationData, Callback callback) {
        callback.succeed();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return null;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return null;
    }

    @Override
    public String getProtocolVersion() {
        return "13";
    }

    @Override
    public UpgradeRequest getUpgradeRequest() {
        return null;
    }

    @Override
    public UpgradeResponse getUpgradeResponse() {
        return null;
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public void addIdleTimeoutListener(Predicate<WebSocketTimeoutException> onIdleTimeout) {
    }

    @Override
    public Duration getIdleTimeout() {
        return Duration.ZERO;
    }

    @Override
    public void setIdleTimeout(Duration duration) {
    }

    @Override
    public int getInputBufferSize() {
        return 0;
    }

    @Override
    public void setInputBufferSize(int size) {
    }

    @Override
    public int getOutputBufferSize() {
        return 0;
    }

    @Override
    public void setOutputBufferSize(int size) {
    }

    @Override
    public long getMaxBinaryMessageSize() {
        return 0;
    }

    @Override
    public void setMaxBinaryMessageSize(long size) {
    }

    @Override
    public long getMaxTextMessageSize() {
        return 0;
    }

    @Override
    public void setMaxTextMessageSize(long size) {
    }

    @Override
    public long getMaxFrameSize() {
        return 0;
    }

    @Override
    public void setMaxFrameSize(long maxFrameSize) {
    }

    @Override
    public boolean isAutoFragment() {
        return false;
    }

    @Override
    public void setAutoFragment(boolean autoFragment) {
    }

    @Override
    public int getMaxOutgoingFrames() {
        return 0;
    }

    @Override
    public void setMaxOutgoingFrames(int maxOutgoingFrames) {
    }
}
