#include "gui/panels/PropertyForm.h"
#include "gui/panels/FieldUndo.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

namespace sb::gui {

namespace {

/// "timeout_ms" with unit "ms" reads "Timeout"; "requests_per_user_per_min" reads
/// "Requests per user per min".
QString prettyName(const design::PropertySpec& spec) {
    QString name = QString::fromStdString(spec.name);
    for (const char* suffix : {"_ms", "_s", "_rps"})
        if (!spec.unit.empty() && name.endsWith(QLatin1String(suffix)) &&
            name.size() > qsizetype(std::strlen(suffix)))
            name.chop(qsizetype(std::strlen(suffix)));
    name.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!name.isEmpty())
        name.front() = name.front().toUpper();
    return name;
}

QString formatValue(const nlohmann::json& v) {
    if (v.is_number_integer())
        return QString::number(v.get<std::int64_t>());
    if (v.is_number())
        return QString::number(v.get<double>(), 'g', 12);
    if (v.is_string())
        return QString::fromStdString(v.get<std::string>());
    if (v.is_boolean())
        return v.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

/// The same value for every item, or nothing when they differ.
std::optional<nlohmann::json> commonValue(const PropertyPath& path,
                                          const design::PropertySpec& spec,
                                          const std::vector<nlohmann::json>& propsOfEach) {
    std::optional<nlohmann::json> common;
    for (const auto& props : propsOfEach) {
        nlohmann::json v = path.valueIn(props);
        if (v.is_null())
            v = spec.defaultValue;
        if (!common)
            common = v;
        else if (*common != v)
            return std::nullopt;
    }
    return common;
}

bool allSet(const PropertyPath& path, const std::vector<nlohmann::json>& propsOfEach) {
    for (const auto& props : propsOfEach)
        if (path.valueIn(props).is_null())
            return false;
    return !propsOfEach.empty();
}

} // namespace

PropertyForm::PropertyForm(QWidget* parent)
    : QWidget(parent)
    , m_help(new QLabel) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_help->setObjectName(QStringLiteral("propertyHelp"));
    m_help->setWordWrap(true);
    m_help->setTextFormat(Qt::RichText);
    m_help->setContentsMargins(4, 8, 4, 4);
    m_help->setMinimumHeight(48);
    m_help->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addStretch(0);
    layout->addWidget(m_help);
}

void PropertyForm::setProperties(const QString& key, const std::vector<design::PropertySpec>& specs,
                                 const std::vector<nlohmann::json>& propsOfEach) {
    if (key != m_key || !m_body) {
        m_key = key;
        build(specs);
    }
    fill(propsOfEach);
}

QWidget* PropertyForm::editor(const std::string& path) const {
    for (const auto& row : m_rows)
        if (row.path.text() == path)
            return row.editor;
    return nullptr;
}

QString PropertyForm::refusal(const std::string& path) const {
    for (const auto& row : m_rows)
        if (row.path.text() == path)
            return row.error->isHidden() ? QString() : row.error->text();
    return {};
}

void PropertyForm::build(const std::vector<design::PropertySpec>& specs) {
    delete m_body;
    m_rows.clear();
    m_body = new QWidget;
    auto* bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->setSpacing(8);
    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(4);
    grid->setColumnStretch(1, 1);
    bodyLayout->addLayout(grid);
    int gridRow = 0;
    for (const auto& spec : specs) {
        if (spec.type != design::PropertyType::Group) {
            addRow(grid, gridRow, {spec.name, {}}, spec);
            continue;
        }
        auto* box = new QGroupBox(prettyName(spec));
        box->setToolTip(QString::fromStdString(spec.help));
        auto* boxGrid = new QGridLayout(box);
        boxGrid->setHorizontalSpacing(8);
        boxGrid->setVerticalSpacing(4);
        boxGrid->setColumnStretch(1, 1);
        int boxRow = 0;
        for (const auto& field : spec.fields)
            addRow(boxGrid, boxRow, {spec.name, field.name}, field);
        if (spec.fractionsSumToOne) {
            auto* note = new QLabel(tr("These fractions add up to 1."));
            note->setEnabled(false);
            boxGrid->addWidget(note, boxRow, 0, 1, 3);
        }
        grid->addWidget(box, gridRow++, 0, 1, 3);
    }
    static_cast<QVBoxLayout*>(layout())->insertWidget(0, m_body);
    m_help->setText(tr("<span style='color:gray'>Select a field to see what it does.</span>"));
}

void PropertyForm::addRow(QGridLayout* grid, int& gridRow, const PropertyPath& path,
                          const design::PropertySpec& spec) {
    Row row;
    row.path = path;
    row.spec = spec;
    row.label = new QLabel(prettyName(spec));
    row.label->setToolTip(QString::fromStdString(spec.help));
    const size_t index = m_rows.size();
    switch (spec.type) {
    case design::PropertyType::Boolean: {
        auto* box = new QCheckBox;
        connect(box, &QCheckBox::clicked, this, [this, index](bool on) { submit(index, on); });
        row.editor = box;
        break;
    }
    case design::PropertyType::Choice: {
        auto* combo = new QComboBox;
        for (const auto& choice : spec.choices)
            combo->addItem(QString::fromStdString(choice));
        connect(combo, &QComboBox::activated, this, [this, index, combo](int i) {
            if (i >= 0)
                submit(index, combo->itemText(i).toStdString());
        });
        row.editor = combo;
        break;
    }
    default: {
        auto* edit = new QLineEdit;
        if (spec.type != design::PropertyType::Text)
            edit->setAlignment(Qt::AlignRight);
        connect(edit, &QLineEdit::editingFinished, this, [this, index] { commitText(index); });
        passUndoToWindow(edit);
        connect(edit, &QLineEdit::textEdited, this, [this, index] { clearRefusal(m_rows[index]); });
        row.editor = edit;
        break;
    }
    }
    row.editor->setObjectName(QStringLiteral("property:") + QString::fromStdString(path.text()));
    row.editor->setToolTip(
        QString::fromStdString(spec.help + "\nAccepts " + design::describeRange(spec)));
    row.editor->installEventFilter(this);
    row.label->setBuddy(row.editor);
    grid->addWidget(row.label, gridRow, 0);
    grid->addWidget(row.editor, gridRow, 1);
    if (spec.filePath) { // a file chooser beside the path's text
        auto* choose = new QToolButton;
        choose->setText(QStringLiteral("…"));
        choose->setObjectName(QStringLiteral("choose:") + QString::fromStdString(path.text()));
        choose->setToolTip(tr("Choose a file"));
        auto* edit = static_cast<QLineEdit*>(row.editor);
        connect(choose, &QToolButton::clicked, this, [this, index, edit] {
            const QString file =
                QFileDialog::getOpenFileName(this, tr("Choose a file"), edit->text());
            if (!file.isEmpty())
                submit(index, file.toStdString());
        });
        grid->addWidget(choose, gridRow, 2);
    } else if (!spec.unit.empty() && spec.unit != "fraction") {
        auto* unit = new QLabel(QString::fromStdString(spec.unit));
        unit->setEnabled(false);
        grid->addWidget(unit, gridRow, 2);
    }
    ++gridRow;
    row.error = new QLabel;
    row.error->setObjectName(QStringLiteral("refusal:") + QString::fromStdString(path.text()));
    row.error->setWordWrap(true);
    row.error->setStyleSheet(QStringLiteral("color: #e03e3e;"));
    row.error->hide();
    grid->addWidget(row.error, gridRow++, 0, 1, 3);
    m_rows.push_back(std::move(row));
}

void PropertyForm::fill(const std::vector<nlohmann::json>& propsOfEach) {
    for (auto& row : m_rows) {
        const std::optional<nlohmann::json> value = commonValue(row.path, row.spec, propsOfEach);
        QFont font = row.label->font();
        font.setBold(allSet(row.path, propsOfEach));
        row.label->setFont(font);
        const QSignalBlocker blocker(row.editor);
        if (auto* box = qobject_cast<QCheckBox*>(row.editor)) {
            box->setTristate(!value);
            box->setCheckState(!value                                      ? Qt::PartiallyChecked
                               : value->is_boolean() && value->get<bool>() ? Qt::Checked
                                                                           : Qt::Unchecked);
        } else if (auto* combo = qobject_cast<QComboBox*>(row.editor)) {
            combo->setCurrentIndex(value ? combo->findText(formatValue(*value)) : -1);
        } else if (auto* edit = qobject_cast<QLineEdit*>(row.editor)) {
            row.applied = value ? formatValue(*value) : QString();
            edit->setText(row.applied);
            edit->setModified(false);
            edit->setPlaceholderText(!value              ? tr("mixed")
                                     : row.spec.optional ? tr("not set")
                                                         : formatValue(row.spec.defaultValue));
        }
    }
}

void PropertyForm::commitText(size_t rowIndex) {
    Row& row = m_rows[rowIndex];
    auto* edit = static_cast<QLineEdit*>(row.editor);
    if (!edit->isModified())
        return;
    const QString text = edit->text().trimmed();
    if (text.isEmpty()) {
        // Mixed values stay as they are; otherwise an empty field means the default.
        if (!edit->placeholderText().isEmpty() && edit->placeholderText() == tr("mixed"))
            return;
        submit(rowIndex, nullptr);
        return;
    }
    nlohmann::json value;
    if (row.spec.type == design::PropertyType::Text) {
        value = text.toStdString();
    } else {
        bool ok = false;
        double number = QLocale::c().toDouble(text, &ok);
        if (!ok)
            number = QLocale().toDouble(text, &ok);
        if (!ok || !std::isfinite(number)) {
            showRefusal(row,
                        tr("%1 must be %2; “%3” is not a number.")
                            .arg(QString::fromStdString(row.path.text()),
                                 QString::fromStdString(design::describeRange(row.spec)), text));
            return;
        }
        if (number == std::floor(number) && std::abs(number) < 9e15)
            value = static_cast<std::int64_t>(number);
        else
            value = number;
    }
    submit(rowIndex, value);
}

void PropertyForm::submit(size_t rowIndex, const nlohmann::json& value) {
    Row& row = m_rows[rowIndex];
    if (!value.is_null()) {
        const std::string problem = design::checkValue(row.spec, value, row.path.text());
        if (!problem.empty()) {
            showRefusal(row, QString::fromStdString(problem));
            return;
        }
    }
    clearRefusal(row);
    if (auto* edit = qobject_cast<QLineEdit*>(row.editor)) {
        edit->setModified(false);
        row.applied = value.is_null() ? QString() : formatValue(value);
    }
    Q_EMIT valueEdited(row.path, value);
}

void PropertyForm::clearRefusal(Row& row) {
    row.error->hide();
    row.editor->setStyleSheet({});
}

void PropertyForm::showRefusal(Row& row, const QString& message) {
    QString sentence = message;
    if (!sentence.isEmpty())
        sentence.front() = sentence.front().toUpper();
    // The field goes back to the value the design keeps; the message says why, until the
    // next edit.
    if (auto* edit = qobject_cast<QLineEdit*>(row.editor)) {
        edit->setText(row.applied);
        edit->setModified(false);
    }
    row.error->setText(sentence + QLatin1Char(' ') + tr("The value was not applied."));
    row.error->show();
    row.editor->setStyleSheet(QStringLiteral("border: 1px solid #e03e3e; border-radius: 3px;"));
}

bool PropertyForm::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::FocusIn)
        for (const auto& row : m_rows)
            if (row.editor == watched)
                showHelp(row);
    if (event->type() == QEvent::KeyPress) {
        auto* edit = qobject_cast<QLineEdit*>(watched);
        if (edit && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
            edit->undo();
            for (auto& row : m_rows)
                if (row.editor == watched)
                    clearRefusal(row);
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PropertyForm::showHelp(const Row& row) {
    QString text =
        QStringLiteral("<b>%1</b> <code>%2</code><br>%3<br><span style='color:gray'>%4</span>")
            .arg(prettyName(row.spec).toHtmlEscaped(),
                 QString::fromStdString(row.path.text()).toHtmlEscaped(),
                 QString::fromStdString(row.spec.help).toHtmlEscaped(),
                 tr("Accepts %1; default %2.")
                     .arg(QString::fromStdString(design::describeRange(row.spec)),
                          row.spec.optional ? tr("not set") : formatValue(row.spec.defaultValue))
                     .toHtmlEscaped());
    m_help->setText(text);
}

} // namespace sb::gui
