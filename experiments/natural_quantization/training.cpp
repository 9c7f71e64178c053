#include "experiments/natural_quantization/training.hpp"

#include <charconv>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "nn/cross_entropy.hpp"
#include "nn/data_order.hpp"
#include "nn/inference.hpp"
#include "nn/sgd.hpp"

namespace qmlr::natural_quantization {

std::vector<EpochRecord> train_and_validate(Network& network, const LabelledImages& train,
                                            const LabelledImages& validation, std::uint64_t seed,
                                            const TrainingPlan& plan,
                                            const std::function<void(const EpochRecord&)>& on_epoch) {
    const auto n = static_cast<std::size_t>(train.images.shape()[0]);
    require(train.labels.size() == n && n > 0, "training needs one label per image and at least one image");
    require(plan.epochs >= 1 && plan.batch_size >= 1 && plan.evaluate_every >= 1,
            "a training plan needs epochs, batch size and evaluation interval ≥ 1");
    nn::Model& model = network.model;
    nn::Sgd optimizer(model.parameters(), {.learning_rate = plan.learning_rate, .momentum = plan.momentum});
    const auto batch_size = static_cast<std::size_t>(plan.batch_size);

    std::vector<EpochRecord> records;
    Tensor batch, grad_logits;
    std::vector<int> batch_labels;
    for (int epoch = 1; epoch <= plan.epochs; ++epoch) {
        const std::vector<std::size_t> order = nn::epoch_order(n, seed, static_cast<std::uint64_t>(epoch - 1));
        EpochRecord record;
        record.epoch = epoch;
        std::size_t wrong = 0, batches = 0;
        for (std::size_t first = 0; first < n; first += batch_size) {
            const std::span<const std::size_t> ids(order.data() + first, std::min(batch_size, n - first));
            nn::gather_batch(train.images, ids, batch);
            batch_labels.resize(ids.size());
            for (std::size_t i = 0; i < ids.size(); ++i) batch_labels[i] = train.labels[ids[i]];

            network.neurons->begin_pass(PassAddress::training(seed, epoch - 1), ids);
            const Tensor& logits = model.forward(batch);
            record.train_loss += nn::cross_entropy(logits, batch_labels, &grad_logits);
            const auto classes = static_cast<std::size_t>(logits.shape()[1]);
            for (std::size_t i = 0; i < ids.size(); ++i)
                wrong += argmax({logits.data() + i * classes, classes}) != batch_labels[i];
            model.zero_grad();
            model.backward(grad_logits);
            optimizer.step();
            ++batches;
        }
        record.train_loss /= static_cast<double>(batches);
        record.train_error = static_cast<double>(wrong) / static_cast<double>(n);
        if (plan.validate && (epoch % plan.evaluate_every == 0 || epoch == plan.epochs))
            record.validation = evaluate_by_vote(network, validation.images, validation.labels, seed, epoch, plan.shots);
        records.push_back(record);
        if (on_epoch) on_epoch(record);
    }
    return records;
}

namespace {

const std::vector<std::string> kRecordColumns = {"epoch", "train_loss", "train_error", "validation_vote_error",
                                                  "validation_single_pass_error"};

double parse_number(const std::string& text, const std::string& where) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    require(error == std::errc() && end == text.data() + text.size() && !text.empty(),
            where + ": expected a number, found '" + text + "'");
    return value;
}

}  // namespace

std::string records_csv(const std::vector<EpochRecord>& records) {
    std::string text = csv_line(kRecordColumns);
    for (const EpochRecord& r : records)
        text += csv_line({std::to_string(r.epoch), format_number(r.train_loss), format_number(r.train_error),
                          r.validation ? format_number(r.validation->vote_error) : "",
                          r.validation ? format_number(r.validation->single_pass_error) : ""});
    return text;
}

std::vector<EpochRecord> parse_records_csv(std::string_view text, const std::string& source) {
    const CsvTable table = parse_csv(text, source);
    require(table.columns() == kRecordColumns, source + ": not a table of epoch records (unexpected header)");
    std::vector<EpochRecord> records;
    for (std::size_t r = 0; r < table.row_count(); ++r) {
        const std::string where = source + " row " + std::to_string(r + 2);
        EpochRecord record;
        const double epoch = parse_number(table.at(r, "epoch"), where);
        record.epoch = static_cast<int>(epoch);
        require(record.epoch == epoch && epoch >= 1, where + ": the epoch must be a positive integer");
        record.train_loss = parse_number(table.at(r, "train_loss"), where);
        record.train_error = parse_number(table.at(r, "train_error"), where);
        const std::string& vote = table.at(r, "validation_vote_error");
        const std::string& single = table.at(r, "validation_single_pass_error");
        require(vote.empty() == single.empty(), where + ": a validation error without the other");
        if (!vote.empty()) record.validation = VoteResult{parse_number(vote, where), parse_number(single, where)};
        records.push_back(record);
    }
    return records;
}

}  // namespace qmlr::natural_quantization
