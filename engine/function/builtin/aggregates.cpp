// Aggregate functions: count, sum, avg, min, max, collect, percentileCont, percentileDisc,
// stDev, stDevP. Nulls never reach update().
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "base/error.h"
#include "function/builtin/builtins.h"
#include "value/value_ops.h"

namespace quiver::function::builtin {

namespace {

class CountState final : public AggregateState {
public:
    void update(const Value&) override { ++n_; }
    Value result() const override { return Value::integer(n_); }

private:
    int64_t n_ = 0;
};

class SumState final : public AggregateState {
public:
    void update(const Value& v) override {
        number_argument("sum", v);
        if (v.is_float() || is_float_) {
            if (!is_float_) {
                is_float_ = true;
                f_ = static_cast<double>(i_);
            }
            f_ += v.as_number();
            return;
        }
        if (__builtin_add_overflow(i_, v.as_int(), &i_))
            throw QuiverError(std::string(status::ArithmeticError), "integer overflow",
                              "IntegerOverflow", ErrorPhase::Runtime);
    }
    Value result() const override { return is_float_ ? Value::float64(f_) : Value::integer(i_); }

private:
    bool is_float_ = false;
    int64_t i_ = 0;
    double f_ = 0;
};

// Mean as sum / count: an exact integer sum while it fits, a float sum otherwise.
class AvgState final : public AggregateState {
public:
    void update(const Value& v) override {
        number_argument("avg", v);
        ++n_;
        int64_t t = 0;
        if (v.is_int() && exact_ && !__builtin_add_overflow(isum_, v.as_int(), &t)) {
            isum_ = t;
            return;
        }
        if (exact_) {
            exact_ = false;
            fsum_ = static_cast<double>(isum_);
            if (v.is_int()) {
                fsum_ += static_cast<double>(v.as_int());
                return;
            }
        }
        fsum_ += v.as_number();
    }
    Value result() const override {
        if (!n_) return Value();
        double sum = exact_ ? static_cast<double>(isum_) : fsum_;
        return Value::float64(sum / static_cast<double>(n_));
    }

private:
    int64_t n_ = 0;
    bool exact_ = true;
    int64_t isum_ = 0;
    double fsum_ = 0;
};

template <bool kMax>
class ExtremeState final : public AggregateState {
public:
    void update(const Value& v) override {
        if (!have_) {
            best_ = v;
            have_ = true;
            return;
        }
        int c = order_compare(v, best_);
        if (kMax ? c > 0 : c < 0) best_ = v;
    }
    Value result() const override { return best_; }

private:
    bool have_ = false;
    Value best_;
};

class CollectState final : public AggregateState {
public:
    void update(const Value& v) override { items_.push_back(v); }
    Value result() const override { return Value::list(items_); }

private:
    ValueList items_;
};

// percentileCont / percentileDisc(value, percentile): the percentile must be a number in
// [0, 1] (checked on every row, as it may be an expression).
template <bool kDisc>
class PercentileState final : public AggregateState {
public:
    void set_arguments(const Value* args, size_t n) override {
        const char* name = kDisc ? "percentileDisc" : "percentileCont";
        if (n < 1 || args[0].is_null()) return;
        double p = number_argument(name, args[0]);
        if (!(p >= 0.0 && p <= 1.0))
            throw QuiverError(std::string(status::ArgumentError),
                              fmt::format("Invalid input '{}' is not a valid argument, must be a "
                                          "number in the range 0.0 to 1.0",
                                          to_literal_string(args[0])),
                              "NumberOutOfRange", ErrorPhase::Runtime);
        p_ = p;
    }
    void update(const Value& v) override {
        number_argument(kDisc ? "percentileDisc" : "percentileCont", v);
        values_.push_back(v);
    }
    Value result() const override {
        if (values_.empty()) return Value();
        std::vector<Value> sorted = values_;
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](const Value& a, const Value& b) { return a.as_number() < b.as_number(); });
        const double n = static_cast<double>(sorted.size());
        if (kDisc) {
            double idx = std::ceil(p_ * n) - 1;
            size_t i = idx < 0 ? 0 : static_cast<size_t>(idx);
            return sorted[std::min(i, sorted.size() - 1)];
        }
        double pos = p_ * (n - 1);
        size_t lo = static_cast<size_t>(std::floor(pos)), hi = static_cast<size_t>(std::ceil(pos));
        double a = sorted[lo].as_number(), b = sorted[hi].as_number();
        return Value::float64(a + (b - a) * (pos - static_cast<double>(lo)));
    }

private:
    double p_ = 0.5;
    std::vector<Value> values_;
};

// Standard deviation of the sample (stDev) or of the population (stDevP), by Welford's method.
template <bool kPopulation>
class StDevState final : public AggregateState {
public:
    void update(const Value& v) override {
        double x = number_argument(kPopulation ? "stDevP" : "stDev", v);
        ++n_;
        double d = x - mean_;
        mean_ += d / static_cast<double>(n_);
        m2_ += d * (x - mean_);
    }
    Value result() const override {
        int64_t div = kPopulation ? n_ : n_ - 1;
        if (div <= 0) return Value::float64(0.0);
        return Value::float64(std::sqrt(m2_ / static_cast<double>(div)));
    }

private:
    int64_t n_ = 0;
    double mean_ = 0, m2_ = 0;
};

template <class T>
std::unique_ptr<AggregateState> make_state() {
    return std::make_unique<T>();
}

const AggregateFunction kAggregates[] = {
    {"count", 1, 1, make_state<CountState>, "Number of non-null values.", "count(n.x)"},
    {"sum", 1, 1, make_state<SumState>, "Sum of numbers (integer while every input is).",
     "sum(n.x)"},
    {"avg", 1, 1, make_state<AvgState>, "Arithmetic mean as a float.", "avg(n.x)"},
    {"min", 1, 1, make_state<ExtremeState<false>>, "Smallest value in ORDER BY order.",
     "min(n.x)"},
    {"max", 1, 1, make_state<ExtremeState<true>>, "Largest value in ORDER BY order.",
     "max(n.x)"},
    {"collect", 1, 1, make_state<CollectState>, "The non-null values as a list.",
     "collect(n.x)", true},
    {"percentileCont", 2, 2, make_state<PercentileState<false>>,
     "Percentile (0.0 to 1.0) by linear interpolation, as a float.", "percentileCont(n.x, 0.5)",
     true},
    {"percentileDisc", 2, 2, make_state<PercentileState<true>>,
     "Percentile (0.0 to 1.0) rounded to the nearest value of the group.",
     "percentileDisc(n.x, 0.5)", true},
    {"stDev", 1, 1, make_state<StDevState<false>>, "Standard deviation of a sample.",
     "stDev(n.x)"},
    {"stDevP", 1, 1, make_state<StDevState<true>>, "Standard deviation of a population.",
     "stDevP(n.x)"},
};

}  // namespace

std::span<const AggregateFunction> aggregate_functions() { return kAggregates; }

}  // namespace quiver::function::builtin
