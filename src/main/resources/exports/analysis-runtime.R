# ---- Tonle's expression language in R ------------------------------------------------------
# An indicator's conditions are written in the form's expression language. These functions give
# them the server's meaning, one value per row of d: an unanswered question is "" as text and
# false as a condition; "=" compares numbers as numbers when either side is a number, else as text.
tl_rep <- function(x) rep(x, nrow(d))
tl_s <- function(x) {
  if (is.logical(x)) return(ifelse(is.na(x), "", ifelse(x, "true", "false")))
  if (is.numeric(x)) return(ifelse(is.na(x), "", ifelse(x == trunc(x) & abs(x) < 1e15, sprintf("%.0f", x), as.character(x))))
  ifelse(is.na(x), "", as.character(x))
}
tl_n <- function(x) {
  if (is.numeric(x)) return(x)
  if (is.logical(x)) return(ifelse(is.na(x), NA_real_, as.numeric(x)))
  suppressWarnings(as.numeric(trimws(x)))
}
tl_t <- function(x) {
  if (is.logical(x)) return(!is.na(x) & x)
  if (is.numeric(x)) return(!is.na(x) & x != 0)
  !is.na(x) & x != ""
}
tl_eq <- function(a, b) {
  if (is.logical(a) || is.logical(b)) return(tl_t(a) == tl_t(b))
  if (is.numeric(a) || is.numeric(b)) {
    x <- tl_n(a)
    y <- tl_n(b)
    return(ifelse(!is.na(x) & !is.na(y), x == y, tl_s(a) == tl_s(b)))
  }
  tl_s(a) == tl_s(b)
}
tl_ne <- function(a, b) !tl_eq(a, b)
tl_compare <- function(a, b, f) {
  x <- tl_n(a)
  y <- tl_n(b)
  !is.na(x) & !is.na(y) & f(x, y)
}
tl_lt <- function(a, b) tl_compare(a, b, `<`)
tl_le <- function(a, b) tl_compare(a, b, `<=`)
tl_gt <- function(a, b) tl_compare(a, b, `>`)
tl_ge <- function(a, b) tl_compare(a, b, `>=`)
tl_and <- function(a, b) tl_t(a) & tl_t(b)
tl_or <- function(a, b) tl_t(a) | tl_t(b)
tl_not <- function(a) !tl_t(a)
tl_add <- function(a, b) tl_n(a) + tl_n(b)
tl_sub <- function(a, b) tl_n(a) - tl_n(b)
tl_mul <- function(a, b) tl_n(a) * tl_n(b)
tl_div <- function(a, b) ifelse(!is.na(tl_n(b)) & tl_n(b) == 0, NA_real_, tl_n(a) / tl_n(b))
tl_mod <- function(a, b) ifelse(!is.na(tl_n(b)) & tl_n(b) == 0, NA_real_, tl_n(a) - tl_n(b) * trunc(tl_n(a) / tl_n(b)))
tl_if <- function(condition, a, b) ifelse(tl_t(condition), a, b)
tl_tokens <- function(x) lapply(strsplit(trimws(tl_s(x)), "[[:space:]]+"), function(t) t[t != ""])
tl_selected <- function(x, choice) mapply(function(t, ch) ch %in% t, tl_tokens(x), rep_len(tl_s(choice), nrow(d)), USE.NAMES = FALSE)
tl_count_selected <- function(x) as.numeric(lengths(tl_tokens(x)))
tl_string_length <- function(x) as.numeric(nchar(tl_s(x), type = "chars"))
tl_number <- function(x) tl_n(x)
tl_int <- function(x) trunc(tl_n(x))
tl_coalesce <- function(a, b) ifelse(tl_s(a) == "", b, a)
tl_concat <- function(...) do.call(paste0, lapply(list(...), tl_s))
# a select_multiple exported as 0/1 columns, read back as its codes separated by spaces
tl_multi <- function(d, vars, codes) {
  m <- do.call(cbind, lapply(vars, function(v) d[[v]]))
  apply(m, 1, function(r) if (all(is.na(r))) NA_character_ else paste(codes[!is.na(r) & r == 1], collapse = " "))
}

# ---- Estimates as Tonle computes them --------------------------------------------------------
# A cell is a domain of the whole sample (its SE counts every PSU of every stratum), as subsetting a
# survey design does. Proportions: svymean, logit interval (svyciprop); means: t interval on the
# design's degrees of freedom. Values on the indicator's scale (x 100 for percentages).
tl_num <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) "" else sprintf("%.17g", x)
tl_cells <- function(data, member, dims) {
  if (length(dims) == 0) return(list(character(0)))
  combos <- unique(data[member, dims, drop = FALSE])
  combos <- combos[stats::complete.cases(combos), , drop = FALSE]
  lapply(seq_len(nrow(combos)), function(i) as.character(unlist(combos[i, ])))
}
tl_in_cell <- function(data, member, dims, values) {
  keep <- member
  for (k in seq_along(dims)) keep <- keep & !is.na(data[[dims[k]]]) & as.character(data[[dims[k]]]) == values[k]
  keep
}
tl_row <- function(id, dims, values, value, se, lo, hi, df, deff, factor) {
  data.frame(indicator = id, breakdown = paste(dims, collapse = ","), key = paste(values, collapse = "|"),
             value = tl_num(value * factor), se = tl_num(se * factor), ci_low = tl_num(lo * factor), ci_high = tl_num(hi * factor),
             df = tl_num(df), deff = tl_num(deff), stringsAsFactors = FALSE)
}
tl_estimate <- function(des, id, member, y, breakdowns, proportion, factor) {
  des$variables$tl_y <- y
  data <- des$variables
  rows <- list()
  for (dims in breakdowns) {
    for (values in tl_cells(data, member, dims)) {
      cs <- des[tl_in_cell(data, member, dims, values), ]
      m <- svymean(~tl_y, cs, deff = TRUE)
      p <- coef(m)[[1]]
      df <- degf(cs)
      ci <- if (!proportion) as.numeric(confint(m, df = df))
            else if (p > 1e-12 && p < 1 - 1e-12) as.numeric(attr(svyciprop(~tl_y, cs, method = "logit"), "ci")) else c(NA, NA)
      rows[[length(rows) + 1]] <- tl_row(id, dims, values, p, SE(m)[[1]], ci[1], ci[2], df, deff(m)[[1]], factor)
    }
  }
  do.call(rbind, rows)
}
tl_contrast <- function(des, id, member, y, dimension, first, second, breakdowns, ratio, factor) {
  des$variables$tl_y <- y
  data <- des$variables
  rows <- list()
  for (dims in breakdowns) {
    for (values in tl_cells(data, member, dims)) {
      keep <- tl_in_cell(data, member, dims, values) & !is.na(data[[dimension]]) & data[[dimension]] %in% c(first, second)
      if (length(unique(data[[dimension]][keep])) < 2) next
      cs <- des[keep, ]
      b <- svyby(~tl_y, as.formula(paste0("~", dimension)), cs, svymean, covmat = TRUE)
      e <- if (ratio) substitute(a / b, list(a = as.name(first), b = as.name(second)))
           else substitute(a - b, list(a = as.name(first), b = as.name(second)))
      con <- svycontrast(b, e)
      df <- degf(cs)
      ci <- as.numeric(confint(con, df = df))
      rows[[length(rows) + 1]] <- tl_row(id, dims, values, coef(con)[[1]], SE(con)[[1]], ci[1], ci[2], df, NA, factor)
    }
  }
  if (length(rows) == 0) NULL else do.call(rbind, rows)
}
# A household indicator counts each household once: "yes" if any member in the denominator says
# yes, weighted by those members' mean weight; a respondent without a household is one of their own.
tl_households <- function(data, member, y, dims) {
  key <- ifelse(is.na(data$tl_household), paste0("own:", data$tl_id), paste(data$tl_stratum, data$tl_psu, data$tl_household, sep = "|"))
  first <- !duplicated(key)
  h <- data[first, c("tl_stratum", "tl_psu", dims), drop = FALSE]
  keys <- key[first]
  n_in <- tapply(as.numeric(member), key, sum)[keys]
  w_in <- tapply(ifelse(member, data$tl_weight, 0), key, sum)[keys]
  h$tl_member <- as.vector(n_in > 0)
  h$tl_y <- as.vector(tapply(as.numeric(member & y == 1), key, max)[keys])
  h$tl_weight <- ifelse(h$tl_member, as.vector(w_in / n_in), data$tl_weight[first])
  h
}
tl_household_estimate <- function(data, id, member, y, breakdowns, factor) {
  dims <- unique(unlist(breakdowns))
  h <- tl_households(data, member, y, if (is.null(dims)) character(0) else dims)
  hdes <- svydesign(ids = ~tl_psu, strata = ~tl_stratum, weights = ~tl_weight, nest = TRUE, data = h)
  tl_estimate(hdes, id, h$tl_member, h$tl_y, breakdowns, TRUE, factor)
}
