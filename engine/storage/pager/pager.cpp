#include "storage/pager/pager.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstring>
#include <random>

#include "base/endian.h"
#include "base/error.h"
#include "fmt/format.h"

namespace quiver::storage {

using namespace pagestore;

namespace {
std::array<uint8_t, 16> new_uuid(bool deterministic) {
    std::array<uint8_t, 16> u{};
    if (deterministic) {
        for (int i = 0; i < 16; ++i) u[i] = uint8_t(0x51 + i);  // fixed test identity
    } else {
        std::random_device rd;
        for (int i = 0; i < 16; i += 4) {
            uint32_t r = rd();
            std::memcpy(u.data() + i, &r, 4);
        }
    }
    u[6] = uint8_t((u[6] & 0x0F) | 0x40);  // RFC 4122 version 4
    u[8] = uint8_t((u[8] & 0x3F) | 0x80);
    return u;
}
bool valid_page_size(uint32_t s) {
    return s >= kMinPageSize && s <= kMaxPageSize && (s & (s - 1)) == 0;
}
uint64_t now_ms(bool deterministic) {
    if (deterministic) return 0;
    using namespace std::chrono;
    return uint64_t(duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}
}  // namespace

// ---------------------------------------------------------------------------------------------
Pager::Pager(std::unique_ptr<PageStore> store, const PagerOptions& opts)
    : store_(std::move(store)), opts_(opts) {
    uint64_t size = store_->size();
    bool fresh = size == 0;
    if (!fresh && size >= kHeaderRegion) {
        // A file whose header region is all zero never completed its first commit.
        std::vector<uint8_t> hdr(kHeaderRegion);
        store_->read(0, hdr.data(), hdr.size());
        fresh = std::all_of(hdr.begin(), hdr.end(), [](uint8_t b) { return b == 0; });
    }
    if (fresh) {
        if (opts_.read_only)
            throw QuiverError(std::string(status::DatabaseNotFound),
                              "Cannot open an empty file read-only: it is not a Quiver database");
        if (!valid_page_size(opts_.page_size))
            throw QuiverError(std::string(status::ArgumentError),
                              fmt::format("Invalid page size {}", opts_.page_size));
        page_size_ = opts_.page_size;
        uuid_ = new_uuid(opts_.deterministic);
        created_ = true;
        auto v = std::make_shared<Version>();
        v->per_map_page = body_size() / 4;
        v->iteration = 0;
        set_current_locked(v);
        phys_count_ = first_data_page(page_size_);
        free_bits_.assign((phys_count_ + 63) / 64, 0);
        if (size) store_->truncate(0);
    } else {
        open_existing();
    }
    pool_ = std::make_unique<buffer::BufferPool>(
        opts_.buffer_pool_bytes, page_size_,
        [this](PageNo p, uint8_t* b) { load_page(p, b); },
        [this](PageNo p, uint8_t* b) { write_page(p, b); });
}

Pager::~Pager() {
    try {
        if (!poisoned_ && !opts_.read_only && unsynced_commits_) flush();
    } catch (...) {
    }
}

void Pager::open_existing() {
    uint64_t size = store_->size();
    if (size < kHeaderRegion)
        throw QuiverError(std::string(status::StorageCorrupt),
                          fmt::format("Not a Quiver database file ({} bytes is too short for "
                                      "a header)", size));
    std::vector<uint8_t> hdr(kHeaderRegion);
    store_->read(0, hdr.data(), hdr.size());
    FileHeader h[2];
    HeaderStatus st[2];
    for (int i = 0; i < 2; ++i) st[i] = decode_header(hdr.data() + i * kHeaderSlotSize, h[i]);
    int best = -1;
    for (int i = 0; i < 2; ++i)
        if (st[i] == HeaderStatus::Valid && (best < 0 || h[i].iteration > h[best].iteration))
            best = i;
    if (best < 0) {
        if (st[0] == HeaderStatus::NoMagic && st[1] == HeaderStatus::NoMagic)
            throw QuiverError(std::string(status::StorageCorrupt),
                              "Not a Quiver database file (no QUIVERDB header)");
        throw QuiverError(std::string(status::StorageCorrupt),
                          "Database file is corrupt: both header copies fail their checksum");
    }
    const FileHeader& fh = h[best];
    if (fh.major > kFormatMajor)
        throw QuiverError(std::string(status::UnsupportedStoreFormat),
                          fmt::format("Unsupported store format: the file has format version "
                                      "{}.{}, this build reads up to {}.x; upgrade Quiver",
                                      fh.major, fh.minor, kFormatMajor));
    if (!valid_page_size(fh.page_size))
        throw QuiverError(std::string(status::StorageCorrupt),
                          fmt::format("Database file is corrupt: invalid page size {}",
                                      fh.page_size));
    page_size_ = fh.page_size;
    uuid_ = fh.uuid;
    uint64_t need = fh.page_count * uint64_t(page_size_);
    if (size > need && !opts_.read_only) store_->truncate(need);  // an interrupted commit's tail
    phys_count_ = fh.page_count;
    durable_iteration_ = fh.iteration;
    // A shorter file is usable when every page the header refers to is in it: builds before
    // the relaxed-header fix could count a never-stored page (one replaced within a relaxed
    // group) at the tail.
    load_map(fh, std::min(size, need));
}

void Pager::load_map(const FileHeader& fh, uint64_t file_bytes) {
    const uint64_t stored_pages = file_bytes / page_size_;
    auto v = std::make_shared<Version>();
    v->iteration = fh.iteration;
    v->logical_count = fh.logical_count;
    v->per_map_page = body_size() / 4;
    const uint32_t E = v->per_map_page;
    std::vector<uint8_t> buf(page_size_);
    std::vector<uint8_t> used(phys_count_, 0);
    uint32_t first = first_data_page(page_size_);
    auto mark = [&](PageNo p, const char* what) {
        if (p < first || p >= phys_count_)
            throw_corrupt(fmt::format("{} refers to page {} outside the file", what, p));
        if (p >= stored_pages)
            throw QuiverError(std::string(status::StorageCorrupt),
                              fmt::format("Database file is truncated: {} bytes, the last "
                                          "commit needs page {} ({} bytes)",
                                          file_bytes, p, (uint64_t(p) + 1) * page_size_));
        if (used[p]) throw_corrupt(fmt::format("page {} is referenced twice", p));
        used[p] = 1;
    };
    auto read_map_page = [&](PageNo p, PageType type) {
        store_->read(uint64_t(p) * page_size_, buf.data(), page_size_);
        if (!verify_page(buf.data(), page_size_, p))
            throw_corrupt(fmt::format("page checksum mismatch on page-map page {}", p));
        if (buf[8] != uint8_t(type) || load_u32(buf.data() + 12) != kMapPage)
            throw_corrupt(fmt::format("page {} is not a page-map page", p));
    };
    if (fh.logical_count > 0) {
        if (fh.map_depth == 0 || fh.map_depth > 8) throw_corrupt("invalid page-map depth");
        // Walk top-down: level k has ceil(n_{k-1} / E) pages.
        std::vector<uint64_t> counts;  // pages per level, leaves first
        uint64_t n = (fh.logical_count + E - 1) / E;
        counts.push_back(n);
        while (n > 1) {
            n = (n + E - 1) / E;
            counts.push_back(n);
        }
        if (counts.size() != fh.map_depth) throw_corrupt("page-map depth does not match size");
        v->levels.assign(counts.size(), {});
        v->levels.back() = {fh.map_root};
        mark(fh.map_root, "header");
        for (size_t lvl = counts.size() - 1; lvl > 0; --lvl) {
            auto& parents = v->levels[lvl];
            auto& children = v->levels[lvl - 1];
            for (size_t i = 0; i < parents.size(); ++i) {
                read_map_page(parents[i], PageType::MapInner);
                for (uint32_t j = 0; j < E && children.size() < counts[lvl - 1]; ++j) {
                    PageNo c = load_u32(buf.data() + kPageHeaderSize + 4 * j);
                    mark(c, "page map");
                    children.push_back(c);
                }
            }
        }
        for (PageNo leaf : v->levels[0]) {
            read_map_page(leaf, PageType::MapLeaf);
            auto chunk = std::make_shared<std::vector<PageNo>>(E);
            for (uint32_t j = 0; j < E; ++j) {
                PageNo p = load_u32(buf.data() + kPageHeaderSize + 4 * j);
                LPage l = LPage(v->chunks.size() * E + j);
                if (p) {
                    if (l >= fh.logical_count) throw_corrupt("mapped page beyond logical count");
                    mark(p, "page map");
                } else if (l < fh.logical_count) {
                    free_logical_.insert(l);
                }
                (*chunk)[j] = p;
            }
            v->chunks.push_back(chunk);
        }
    }
    free_bits_.assign((phys_count_ + 63) / 64, 0);
    for (uint64_t p = first; p < phys_count_; ++p)
        if (!used[p]) free_bits_[p / 64] |= 1ull << (p % 64);
    set_current_locked(v);
}

void Pager::load_page(PageNo p, uint8_t* buf) {
    store_->read(uint64_t(p) * page_size_, buf, page_size_);
    if (!verify_page(buf, page_size_, p))
        throw_corrupt(fmt::format("page checksum mismatch on page {}", p));
}

void Pager::write_page(PageNo p, uint8_t* buf) {
    seal_page(buf, page_size_, p);
    store_->write(uint64_t(p) * page_size_, buf, page_size_);
}

PageNo Pager::alloc_phys() {
    for (size_t w = 0; w < free_bits_.size(); ++w) {
        if (!free_bits_[w]) continue;
        int b = __builtin_ctzll(free_bits_[w]);
        PageNo p = PageNo(w * 64 + b);
        if (p >= phys_count_) break;
        free_bits_[w] &= ~(1ull << b);
        return p;
    }
    if (phys_count_ >= 0xFFFFFFF0ull) throw_io("database file reached the maximum page count");
    PageNo p = PageNo(phys_count_++);
    if (free_bits_.size() * 64 < phys_count_) free_bits_.push_back(0);
    return p;
}

void Pager::release_phys(PageNo p) { free_bits_[p / 64] |= 1ull << (p % 64); }

void Pager::reclaim_locked() {
    uint64_t oldest = readers_.empty() ? UINT64_MAX : readers_.begin()->first;
    auto it = pending_.begin();
    while (it != pending_.end()) {
        if (it->first > oldest) {  // a live snapshot may still read these pages
            ++it;
            continue;
        }
        std::vector<PageNo>& pages = it->second;
        if (it->first <= durable_iteration_) {
            for (PageNo p : pages) {
                if (lazy_old_.erase(p)) pool_->discard(p);  // its bytes are needed no more
                release_phys(p);
            }
            it = pending_.erase(it);
            continue;
        }
        // Not durable yet: the durable header may still refer to these pages, except to the lazy
        // ones, which were allocated after it. Those are free as soon as no snapshot reads them.
        if (!lazy_old_.empty()) {
            auto kept = std::remove_if(pages.begin(), pages.end(), [&](PageNo p) {
                if (!lazy_old_.erase(p)) return false;
                pool_->discard(p);
                release_phys(p);
                return true;
            });
            pages.erase(kept, pages.end());
        }
        it = pages.empty() ? pending_.erase(it) : std::next(it);
    }
}

void Pager::trim_locked() {
    uint64_t first = first_data_page(page_size_);
    while (phys_count_ > first) {
        uint64_t p = phys_count_ - 1;
        if (!(free_bits_[p / 64] >> (p % 64) & 1)) break;
        free_bits_[p / 64] &= ~(1ull << (p % 64));
        --phys_count_;
    }
}

void Pager::write_header_locked(const Version& v, bool sync) {
    // Relaxed mode between group syncs: data pages are written but the header is not, so a
    // crash reopens at the last durable header (loses the group, never corrupts).
    if (!sync && opts_.durability == Durability::Relaxed) {
        ++unsynced_commits_;
        return;
    }
    write_lazy_locked();  // every page the header refers to is stored before it
    trim_locked();
    // The file must be as long as the header's page count. A page replaced within a relaxed
    // group is never stored, yet a reader may keep it in use (and at the tail) past this header:
    // the tail page is then given zeros. Its real bytes, while a reader needs them, stay in a
    // dirty frame, and an eviction stores them over the zeros before anyone reads the store.
    if (uint64_t need = phys_count_ * uint64_t(page_size_); store_->size() < need) {
        std::vector<uint8_t> zeros(page_size_, 0);
        store_->write(need - page_size_, zeros.data(), zeros.size());
    }
    FileHeader h;
    h.page_size = page_size_;
    h.uuid = uuid_;
    h.iteration = v.iteration;
    h.page_count = phys_count_;
    h.map_root = v.levels.empty() ? 0 : v.levels.back()[0];
    h.map_depth = uint32_t(v.levels.size());
    h.logical_count = v.logical_count;
    h.timestamp_ms = now_ms(opts_.deterministic);
    std::vector<uint8_t> slot(kHeaderSlotSize);
    encode_header(h, slot.data());
    uint64_t off = (v.iteration % 2) * kHeaderSlotSize;
    if (sync) {
        store_->commit(off, slot.data(), slot.size());
        unsynced_commits_ = 0;
        // The file never needs more than the header's page count.
        if (store_->size() > phys_count_ * uint64_t(page_size_))
            store_->truncate(phys_count_ * uint64_t(page_size_));
    } else {
        // Durability::Off: ordered writes without sync; safe against process crashes only.
        store_->write(off, slot.data(), slot.size());
        ++unsynced_commits_;
    }
    durable_iteration_ = v.iteration;
}

void Pager::write_lazy_locked() {
    for (PageNo p : lazy_) pool_->write_back(p);
    lazy_.clear();
}

bool Pager::defers_writes_locked() const {
    return opts_.durability == Durability::Relaxed && unsynced_commits_ + 1 < opts_.relaxed_group;
}

void Pager::check_usable() const {
    if (poisoned_)
        throw QuiverError(std::string(status::UnknownError),
                          "The database hit an I/O error during a commit; reopen it");
}

std::unique_ptr<Snapshot> Pager::snapshot() {
    std::lock_guard<std::mutex> g(mu_);
    check_usable();
    readers_[current_->iteration]++;
    return std::make_unique<Snapshot>(this, current_);
}

void Pager::unregister(uint64_t iteration) {
    std::lock_guard<std::mutex> g(mu_);
    auto it = readers_.find(iteration);
    if (it != readers_.end() && --it->second == 0) readers_.erase(it);
}

Snapshot::Snapshot(Pager* p, std::shared_ptr<const Version> v)
    : pager_(p), v_(std::move(v)), cache_(p->pool_.get(), PageCache::slots_for(*p->pool_)) {}

Snapshot::~Snapshot() {
    cache_.release();  // the pins go before the registration: after it, the pages may be reused
    pager_->unregister(v_->iteration);
}

PinnedPage Snapshot::read(LPage l) const {
    return cache_.read(l, [this](LPage lp) {
        PageNo p = v_->lookup(lp);
        if (!p) throw_corrupt(fmt::format("logical page {} is not mapped", lp));
        return p;
    });
}

std::unique_ptr<PageTxn> Pager::begin_write() {
    if (opts_.read_only)
        throw QuiverError(std::string(status::AccessMode),
                          "The database was opened read-only; writes are not allowed");
    std::unique_lock<std::mutex> w(writer_mu_);
    std::shared_ptr<const Version> base;
    {
        std::lock_guard<std::mutex> g(mu_);
        check_usable();
        reclaim_locked();
        base = current_;
    }
    return std::unique_ptr<PageTxn>(new PageTxn(this, std::move(w), std::move(base)));
}

void Pager::flush() {
    std::lock_guard<std::mutex> w(writer_mu_);
    std::lock_guard<std::mutex> g(mu_);
    if (!unsynced_commits_ && durable_iteration_ == current_->iteration) return;
    check_usable();
    try {
        write_header_locked(*current_, true);
    } catch (...) {
        poisoned_ = true;
        throw;
    }
    reclaim_locked();
}

uint64_t Pager::file_pages() const {
    std::lock_guard<std::mutex> g(mu_);
    return phys_count_;
}

PageCheck Pager::check() {
    PageCheck r;
    auto snap = snapshot();
    const Version& v = snap->version();
    std::vector<uint8_t> buf(page_size_);
    auto verify = [&](PageNo p, const std::string& what) -> bool {
        ++r.pages_checked;
        store_->read(uint64_t(p) * page_size_, buf.data(), page_size_);
        if (!verify_page(buf.data(), page_size_, p)) {
            r.problems.push_back(fmt::format("page {} ({}): checksum mismatch", p, what));
            return false;
        }
        return true;
    };
    {
        std::lock_guard<std::mutex> w(writer_mu_);  // no concurrent writer: its pages are private
        {
            std::lock_guard<std::mutex> g(mu_);
            write_lazy_locked();  // the check reads the store, not the pool
        }
        for (auto& level : v.levels)
            for (PageNo p : level) verify(p, "page map");
        for (LPage l = 0; l < v.logical_count; ++l) {
            PageNo p = v.lookup(l);
            if (!p) continue;
            if (p >= phys_count_) {
                r.problems.push_back(fmt::format("logical page {} maps to page {} beyond the "
                                                 "end of the file", l, p));
                continue;
            }
            if (verify(p, fmt::format("logical {}", l)) && load_u32(buf.data() + 12) != l)
                r.problems.push_back(fmt::format("page {} claims logical page {}, mapped as {}", p,
                                                 load_u32(buf.data() + 12), l));
        }
    }
    return r;
}

// ---------------------------------------------------------------------------------------------
PageTxn::PageTxn(Pager* p, std::unique_lock<std::mutex> lock, std::shared_ptr<const Version> base)
    : p_(p), cache_(p->pool_.get(), PageCache::slots_for(*p->pool_)), lock_(std::move(lock)),
      base_(std::move(base)), logical_count_(base_->logical_count) {}

PageTxn::~PageTxn() {
    cache_.release();
    if (active_) {
        try {
            rollback();
        } catch (...) {
        }
    }
}

PageNo PageTxn::lookup(LPage l) const {
    auto it = dirty_.find(l);
    if (it != dirty_.end()) return it->second;
    return base_->lookup(l);
}

PinnedPage PageTxn::read(LPage l) {
    return cache_.read(l, [this](LPage lp) {
        PageNo p = lookup(lp);
        if (!p) throw_corrupt(fmt::format("logical page {} is not mapped", lp));
        return p;
    });
}

PinnedPage PageTxn::write(LPage l) {
    auto it = dirty_.find(l);
    if (it != dirty_.end()) {
        if (!it->second) throw_corrupt(fmt::format("write to released logical page {}", l));
        PinnedPage pg = p_->pin(it->second);
        p_->pool_->mark_dirty(pg.frame());
        return pg;
    }
    cache_.forget(l);  // its committed page: the copy below replaces it
    PageNo old = base_->lookup(l);
    if (!old) throw_corrupt(fmt::format("logical page {} is not mapped", l));
    PageNo np;
    {
        std::lock_guard<std::mutex> g(p_->mu_);
        np = p_->alloc_phys();
    }
    allocated_.insert(np);
    PinnedPage src = p_->pin(old);
    PinnedPage dst(p_->pool_.get(), p_->pool_->pin_fresh(np, /*zero=*/false));
    std::memcpy(dst.data(), src.data(), p_->page_size_);
    store_u64(dst.data() + 16, iteration());
    dirty_[l] = np;
    freed_.push_back(old);
    return dst;
}

std::pair<LPage, PinnedPage> PageTxn::allocate(PageType type) {
    LPage l;
    PageNo np;
    {
        std::lock_guard<std::mutex> g(p_->mu_);
        if (!p_->free_logical_.empty()) {
            l = *p_->free_logical_.begin();
            p_->free_logical_.erase(p_->free_logical_.begin());
        } else {
            if (logical_count_ >= 0xFFFFFFF0ull) throw_io("logical page space exhausted");
            l = LPage(logical_count_++);
        }
        np = p_->alloc_phys();
    }
    new_logical_.push_back(l);
    allocated_.insert(np);
    PinnedPage dst(p_->pool_.get(), p_->pool_->pin_fresh(np));
    dst.data()[8] = uint8_t(type);
    store_u32(dst.data() + 12, l);
    store_u64(dst.data() + 16, iteration());
    dirty_[l] = np;
    return {l, std::move(dst)};
}

void PageTxn::free(LPage l) {
    cache_.forget(l);
    auto it = dirty_.find(l);
    if (it != dirty_.end()) {
        if (!it->second) return;
        PageNo np = it->second;
        p_->pool_->discard(np);
        allocated_.erase(np);
        std::lock_guard<std::mutex> g(p_->mu_);
        p_->release_phys(np);
        // the committed page it copied (if any) is in freed_ since that copy: once only, or
        // it would be released twice, the second time after a later commit reused it
    } else if (PageNo old = base_->lookup(l)) {
        freed_.push_back(old);
    }
    dirty_[l] = 0;
    freed_logical_.push_back(l);
}

void PageTxn::rollback() {
    if (!active_) return;
    cache_.release();
    active_ = false;
    for (PageNo np : allocated_) p_->pool_->discard(np);
    {
        std::lock_guard<std::mutex> g(p_->mu_);
        for (PageNo np : allocated_) p_->release_phys(np);
        for (LPage l : new_logical_)
            if (l < base_->logical_count) p_->free_logical_.insert(l);
        p_->trim_locked();
    }
    lock_.unlock();
}

void PageTxn::commit() {
    if (!active_) throw QuiverError(std::string(status::UnknownError), "transaction not active");
    cache_.release();
    if (dirty_.empty()) {
        active_ = false;
        lock_.unlock();
        return;
    }
    Pager& P = *p_;
    const uint32_t E = base_->per_map_page;
    try {
        // 1. data pages: written now, or left in their dirty frames by a relaxed commit that
        // writes no header (the group's next header write stores them).
        bool defer;
        {
            std::lock_guard<std::mutex> g(P.mu_);
            defer = P.defers_writes_locked();
        }
        if (!defer)
            for (auto& [l, np] : dirty_)
                if (np) P.pool_->write_back(np);

        // 2. new page map
        auto v = std::make_shared<Version>(*base_);
        v->iteration = iteration();
        // Trailing unmapped logical pages shrink the logical space.
        uint64_t lc = logical_count_;
        while (lc > 0) {
            LPage l = LPage(lc - 1);
            auto it = dirty_.find(l);
            PageNo p = it != dirty_.end() ? it->second : base_->lookup(l);
            if (p) break;
            --lc;
        }
        v->logical_count = lc;
        size_t nchunks = (lc + E - 1) / E;
        std::vector<PageNo> old_map_pages;
        for (auto& level : base_->levels) old_map_pages.insert(old_map_pages.end(), level.begin(), level.end());
        std::set<size_t> touched;
        v->chunks.resize(nchunks);
        std::vector<std::shared_ptr<std::vector<PageNo>>> fresh(nchunks);
        for (auto& [l, np] : dirty_) {
            size_t c = l / E;
            if (c >= nchunks) continue;  // freed beyond the new logical end
            if (!fresh[c]) {
                fresh[c] = v->chunks[c] ? std::make_shared<std::vector<PageNo>>(*v->chunks[c])
                                        : std::make_shared<std::vector<PageNo>>(E, 0);
                touched.insert(c);
            }
            (*fresh[c])[l % E] = np;
        }
        for (size_t c = 0; c < nchunks; ++c) {
            if (fresh[c]) v->chunks[c] = fresh[c];
            if (!v->chunks[c]) {  // a leaf that did not exist before
                v->chunks[c] = std::make_shared<std::vector<PageNo>>(E, 0);
                touched.insert(c);
            }
        }
        // Rebuild the map levels. A page is rewritten when a child changed or the level grew.
        std::vector<PageNo> new_map_pages;
        std::vector<std::vector<PageNo>> levels;
        std::vector<PageNo> below;  // the level under construction's children
        size_t count = nchunks;
        size_t lvl = 0;
        std::set<size_t> touched_here = touched;
        while (count > 0) {
            std::vector<PageNo> pages(count, 0);
            const std::vector<PageNo>* old_level =
                lvl < base_->levels.size() ? &base_->levels[lvl] : nullptr;
            bool top_changed = !old_level || old_level->size() != count;
            std::set<size_t> touched_next;
            for (size_t i = 0; i < count; ++i) {
                bool rewrite = touched_here.count(i) || !old_level || i >= old_level->size() ||
                               (top_changed && count == 1);
                if (!rewrite) {
                    pages[i] = (*old_level)[i];
                    continue;
                }
                PageNo np;
                {
                    std::lock_guard<std::mutex> g(P.mu_);
                    np = P.alloc_phys();
                }
                allocated_.insert(np);
                PinnedPage pg(P.pool_.get(), P.pool_->pin_fresh(np));  // zero-filled
                uint8_t* buf = pg.data();
                buf[8] = uint8_t(lvl == 0 ? PageType::MapLeaf : PageType::MapInner);
                store_u32(buf + 12, kMapPage);
                store_u64(buf + 16, v->iteration);
                uint8_t* body = buf + kPageHeaderSize;
                if (lvl == 0) {
                    const std::vector<PageNo>& chunk = *v->chunks[i];  // E entries
                    static_assert(sizeof(PageNo) == 4);
                    if constexpr (std::endian::native == std::endian::little) {
                        std::memcpy(body, chunk.data(), 4 * size_t(E));  // the on-disk order
                    } else {
                        for (uint32_t j = 0; j < E; ++j) store_u32(body + 4 * j, chunk[j]);
                    }
                } else {
                    for (uint32_t j = 0; j < E && i * E + j < below.size(); ++j)
                        store_u32(body + 4 * j, below[i * E + j]);
                }
                pg.reset();
                if (!defer) P.pool_->write_back(np);
                new_map_pages.push_back(np);
                pages[i] = np;
                touched_next.insert(i / E);
            }
            levels.push_back(pages);
            if (count == 1) break;
            below = pages;
            count = (count + E - 1) / E;
            touched_here = touched_next;
            ++lvl;
        }
        v->levels = std::move(levels);
        // Old map pages no longer referenced become pending-free.
        std::unordered_set<PageNo> keep;
        for (auto& level : v->levels) keep.insert(level.begin(), level.end());
        for (PageNo p : old_map_pages)
            if (!keep.count(p)) freed_.push_back(p);

        // 3. header + publish
        std::lock_guard<std::mutex> g(P.mu_);
        bool sync = P.opts_.durability == Durability::Strict ||
                    (P.opts_.durability == Durability::Relaxed &&
                     P.unsynced_commits_ + 1 >= P.opts_.relaxed_group);
        try {
            P.write_header_locked(*v, sync);
        } catch (...) {
            P.poisoned_ = true;
            throw;
        }
        P.set_current_locked(v);
        if (defer) {
            for (auto& [l, np] : dirty_)
                if (np) P.lazy_.insert(np);
            P.lazy_.insert(new_map_pages.begin(), new_map_pages.end());
        }
        for (PageNo p : freed_)
            if (P.lazy_.erase(p)) P.lazy_old_.insert(p);
        P.pending_.push_back({v->iteration, std::move(freed_)});
        for (LPage l : freed_logical_)
            if (l < v->logical_count) P.free_logical_.insert(l);
        for (auto it = P.free_logical_.begin(); it != P.free_logical_.end();)
            it = *it >= v->logical_count ? P.free_logical_.erase(it) : std::next(it);
        P.reclaim_locked();
    } catch (...) {
        rollback();
        throw;
    }
    active_ = false;
    lock_.unlock();
}

}  // namespace quiver::storage
