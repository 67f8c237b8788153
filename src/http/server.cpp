// The only translation unit that includes Beast.
#include "http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <random>
#include <thread>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>

#include "http/errors.h"
#include "ops/metrics.h"

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
// One I/O thread runs every connection, so sessions need no strand, and the concrete executor
// type spares each operation the type-erased executor's bookkeeping (both showed in profiles).
using Executor = net::io_context::executor_type;
using Socket = net::basic_stream_socket<tcp, Executor>;
using Stream = beast::basic_stream<tcp, Executor>;

namespace zx {
namespace {

std::atomic<uint64_t> g_request_counter{0};

// Request ids: a per-process random prefix and a counter, so ids stay unique across restarts
// in a log file that outlives them.
std::string NextRequestId() {
  static const uint32_t prefix = std::random_device{}();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%08x-%llx", prefix,
                static_cast<unsigned long long>(g_request_counter.fetch_add(1, std::memory_order_relaxed) + 1));
  return buf;
}

// Shared by the server and its sessions.
struct ServerState {
  std::atomic<bool> stopping{false};
  std::atomic<int64_t> in_flight{0};  // requests read and not yet answered
};

std::string QueryKeys(const std::map<std::string, std::string>& query) {
  std::string out;
  for (const auto& [k, v] : query) {
    if (!out.empty()) out.push_back(',');
    out += k;
  }
  return out;
}

HttpRequest ToRequest(http::request<http::string_body>&& req, const std::string& remote, std::string request_id) {
  HttpRequest out;
  out.method = std::string(req.method_string());
  auto raw_target = req.target();
  std::string_view target(raw_target.data(), raw_target.size());
  size_t q = target.find('?');
  std::string raw_path(target.substr(0, q));
  if (!PercentDecode(raw_path, &out.path, false)) out.path = raw_path;
  if (q != std::string_view::npos) out.query = ParseQueryString(target.substr(q + 1));
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  out.body = std::move(req.body());
  out.remote_addr = remote;
  out.request_id = std::move(request_id);
  return out;
}

http::response<http::string_body> ToBeast(HttpResponse&& r, unsigned version, bool keep_alive, bool head) {
  http::response<http::string_body> res{static_cast<http::status>(r.status), version};
  res.set(http::field::server, "zhenxing");
  res.set(http::field::content_type, r.content_type);
  for (auto& [k, v] : r.headers) res.insert(k, v);
  res.keep_alive(keep_alive);
  if (head) {
    res.content_length(r.body.size());
  } else {
    res.body() = std::move(r.body);
    res.prepare_payload();
  }
  return res;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Socket&& socket, const ServerOptions& options, const RequestHandler& handler, net::thread_pool& pool,
          ServerState& state)
      : stream_(std::move(socket)), options_(options), handler_(handler), pool_(pool), state_(state) {
    GlobalServerGauges().open_connections.fetch_add(1, std::memory_order_relaxed);
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    remote_ = ec ? std::string() : ep.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }

  ~Session() {
    GlobalServerGauges().open_connections.fetch_sub(1, std::memory_order_relaxed);
    EndRequest();
  }

  void Start() { net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::Read, shared_from_this())); }

 private:
  void Read() {
    parser_.emplace();
    // A declared length is checked when the header ends, so the header is read under the larger
    // limit and OnHeader applies the route's own.
    parser_->body_limit(std::max({options_.body_limit, options_.upload_body_limit, options_.import_body_limit}));
    parser_->header_limit(16 * 1024);
    stream_.expires_after(std::chrono::seconds(first_ ? options_.request_timeout_seconds : options_.idle_timeout_seconds));
    first_ = false;
    http::async_read_header(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t bytes) {
    if (ec) return OnRead(ec, bytes);
    beast::string_view target = parser_->get().target();
    beast::string_view path = target.substr(0, target.find('?'));
    static constexpr beast::string_view kUpload = "/attachments";
    bool upload = parser_->get().method() == http::verb::post && path.size() >= kUpload.size() &&
                  path.substr(path.size() - kUpload.size()) == kUpload;
    static constexpr beast::string_view kImports = "/api/v1/imports/";
    bool import = parser_->get().method() == http::verb::post && path.substr(0, kImports.size()) == kImports;
    size_t limit = import ? options_.import_body_limit : upload ? options_.upload_body_limit : options_.body_limit;
    auto declared = parser_->content_length();
    if (declared && *declared > limit) return OnRead(http::error::body_limit, bytes);
    parser_->body_limit(limit);
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::connection_reset ||
        ec == net::error::eof)
      return Close();
    if (ec == http::error::body_limit) {
      return WriteError(Status::PayloadTooLarge("request body is larger than the limit (" +
                                                std::to_string(options_.body_limit) + " bytes; evidence uploads " +
                                                std::to_string(options_.upload_body_limit) + "; spreadsheet imports " +
                                                std::to_string(options_.import_body_limit) + ")"));
    }
    if (ec == http::error::header_limit) return WriteError(Status::PayloadTooLarge("request headers are too large"));
    if (ec) return WriteError(Status::InvalidArgument("malformed HTTP request: " + ec.message(), "request"));

    auto req = std::make_shared<http::request<http::string_body>>(parser_->release());
    in_flight_ = true;
    state_.in_flight.fetch_add(1);
    GlobalServerGauges().in_flight.fetch_add(1, std::memory_order_relaxed);
    auto start = std::chrono::steady_clock::now();
    version_ = req->version();
    // A stopping server still answers what reaches it, then closes the connection.
    keep_alive_ = req->keep_alive() && !state_.stopping.load();
    head_ = req->method() == http::verb::head;
    // The handler may block on the database: run it on the pool, then write from the I/O thread.
    // The request is converted on the pool too: the I/O thread serves every connection.
    auto self = shared_from_this();
    stream_.expires_never();
    net::post(pool_, [self, req, start] {
      HttpResponse response;
      std::string request_id = NextRequestId();
      std::shared_ptr<RequestRecord> record;
      try {
        HttpRequest request = ToRequest(std::move(*req), self->remote_, request_id);
        if (self->options_.observer) {
          record = std::make_shared<RequestRecord>();
          record->method = request.method;
          if (self->options_.observer_wants_details) {
            record->path = request.path;
            record->query_keys = QueryKeys(request.query);
            record->remote_addr = request.remote_addr;
            record->forwarded_for = request.Header("x-forwarded-for");
            record->request_id = request_id;
          }
        }
        response = self->handler_(std::move(request));
      } catch (const std::exception& e) {
        response = ErrorResponse(Status::Internal(e.what()));
      }
      ResponseSink sink = [self, record, request_id, start](HttpResponse r) {
        r.headers.emplace_back("X-Request-Id", request_id);
        if (record) {
          record->status = r.status;
          record->route_index = r.route_index;
          record->user_id = r.user_id;
          record->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
          self->options_.observer(*record);
        }
        net::post(self->stream_.get_executor(), [self, r = std::move(r)]() mutable {
          self->Write(std::move(r), self->keep_alive_);
        });
      };
      if (response.deferred) {
        auto deferred = std::move(response.deferred);
        deferred(std::move(sink));
      } else {
        sink(std::move(response));
      }
    });
  }

  void WriteError(const Status& s) {
    keep_alive_ = false;
    if (version_ == 0) version_ = 11;
    Write(ErrorResponse(s), false);
  }

  void Write(HttpResponse&& r, bool keep_alive) {
    response_ = std::make_shared<http::response<http::string_body>>(ToBeast(std::move(r), version_, keep_alive, head_));
    stream_.expires_after(std::chrono::seconds(options_.request_timeout_seconds));
    http::async_write(stream_, *response_,
                      beast::bind_front_handler(&Session::OnWrite, shared_from_this(), keep_alive));
  }

  void EndRequest() {
    if (!in_flight_) return;
    in_flight_ = false;
    state_.in_flight.fetch_sub(1);
    GlobalServerGauges().in_flight.fetch_sub(1, std::memory_order_relaxed);
  }

  void OnWrite(bool keep_alive, beast::error_code ec, std::size_t) {
    EndRequest();
    if (ec) return Close();
    if (!keep_alive) return LingerAndClose();
    response_.reset();
    Read();
  }

  // After refusing a request whose body is still arriving, closing at once would make the
  // kernel reset the connection and the client might never read our answer. So stop sending,
  // read and discard what still comes (bounded in time and size), then close.
  void LingerAndClose() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(5));
    Discard();
  }
  void Discard() {
    stream_.async_read_some(net::buffer(discard_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->discarded_ += n;
      if (ec || self->discarded_ > (64u << 20)) {
        beast::error_code ignored;
        self->stream_.socket().close(ignored);
        return;
      }
      self->Discard();
    });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  Stream stream_;
  beast::flat_buffer buffer_;
  const ServerOptions& options_;
  const RequestHandler& handler_;
  net::thread_pool& pool_;
  ServerState& state_;
  bool in_flight_ = false;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<http::response<http::string_body>> response_;
  std::string remote_;
  unsigned version_ = 11;
  bool keep_alive_ = true;
  bool head_ = false;
  bool first_ = true;
  std::array<char, 16384> discard_;
  size_t discarded_ = 0;
};

}  // namespace

struct HttpServer::Impl {
  Impl(ServerOptions o, RequestHandler h)
      : options(std::move(o)), handler(std::move(h)), pool(std::max(1, options.worker_threads)), acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM) {}

  void Accept() {
    acceptor.async_accept(ioc.get_executor(), [this](beast::error_code ec, Socket socket) {
      if (!acceptor.is_open()) return;
      if (!ec) std::make_shared<Session>(std::move(socket), options, handler, pool, state)->Start();
      Accept();
    });
  }

  ServerOptions options;
  RequestHandler handler;
  net::io_context ioc{1};
  net::thread_pool pool;
  tcp::acceptor acceptor;
  net::signal_set signals;
  ServerState state;
  std::thread stopper;  // waits for in-flight handlers, then stops the I/O loop
};

HttpServer::HttpServer(ServerOptions options, RequestHandler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

HttpServer::~HttpServer() {
  if (impl_->stopper.joinable()) impl_->stopper.join();
  impl_->pool.join();
}

Status HttpServer::Bind() {
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->options.address, ec);
  if (ec) return Status::InvalidArgument("bad listen address " + impl_->options.address, "address");
  tcp::endpoint endpoint{address, static_cast<unsigned short>(impl_->options.port)};
  auto& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return Status::Unavailable("cannot listen on " + impl_->options.address + ":" +
                               std::to_string(impl_->options.port) + ": " + ec.message());
  return Status::Ok();
}

int HttpServer::port() const {
  beast::error_code ec;
  return impl_->acceptor.local_endpoint(ec).port();
}

void HttpServer::Run() {
  impl_->signals.async_wait([this](beast::error_code, int) { Stop(); });
  impl_->Accept();
  impl_->ioc.run();
  if (impl_->stopper.joinable()) impl_->stopper.join();
  // Handlers past the drain deadline finish before the caller closes the database.
  impl_->pool.join();
}

void HttpServer::Stop() {
  net::post(impl_->ioc, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
    impl_->signals.cancel(ec);
    // Let in-flight handlers finish while the I/O thread still writes their answers, then end.
    if (impl_->stopper.joinable()) return;
    impl_->state.stopping = true;
    impl_->stopper = std::thread([this] {
      // Requests already read, or sent before the stop and still in the socket, are answered
      // (answers of queued writes come when the writer commits them). The server ends once no
      // request has been in flight for a moment, or at the drain deadline.
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(impl_->options.drain_seconds);
      auto quiet_since = std::chrono::steady_clock::now();
      while (std::chrono::steady_clock::now() < deadline) {
        auto now = std::chrono::steady_clock::now();
        if (impl_->state.in_flight.load() > 0) quiet_since = now;
        else if (now - quiet_since >= std::chrono::milliseconds(300)) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      impl_->ioc.stop();
    });
  });
}

}  // namespace zx
