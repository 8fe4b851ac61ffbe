/* Small additions to Django's admin scripts. Loaded with `defer` from
   templates/admin/base_site.html: after the page's own scripts, before they start. */

/* The autocomplete boxes (select2): its Vietnamese lacks the message for a failed search. */
;(function () {
  var select2 = window.django && django.jQuery && django.jQuery.fn.select2
  if (!select2 || !select2.amd) return
  select2.amd.require(["select2/i18n/vi"], function (vi) {
    vi.errorLoading = function () {
      return "Không tải được kết quả. Hãy thử lại."
    }
  })
})()

/* A month and year jump for the date picker (Django's DateTimeShortcuts calendar), so an
   archived article's date (07/03/2022) is a few clicks away instead of fifty "previous
   month" clicks. Typing dd/mm/yyyy in the field still works as before. */
;(function () {
  if (!window.DateTimeShortcuts || !window.Calendar || !window.CalendarNamespace) return
  var FIRST_YEAR = 1900
  var YEARS_AHEAD = 5

  function jumpFor(calendar) {
    var num = calendar.div_id.replace(DateTimeShortcuts.calendarDivName2, "")
    return document.getElementById("calendarjump" + num)
  }

  function option(select, value, label) {
    var element = document.createElement("option")
    element.value = String(value)
    element.textContent = label
    select.appendChild(element)
  }

  function addJump(num) {
    var box = document.getElementById(DateTimeShortcuts.calendarDivName1 + num)
    var main = document.getElementById(DateTimeShortcuts.calendarDivName2 + num)
    if (!box || !main) return
    var calendar = DateTimeShortcuts.calendars[num]
    var jump = document.createElement("div")
    jump.className = "calendar-jump"
    jump.id = "calendarjump" + num
    var month = document.createElement("select")
    month.className = "calendar-jump-month"
    month.setAttribute("aria-label", "Tháng")
    CalendarNamespace.monthsOfYear.forEach(function (name, index) {
      option(month, index + 1, name)
    })
    var year = document.createElement("select")
    year.className = "calendar-jump-year"
    year.setAttribute("aria-label", "Năm")
    var lastYear = new Date().getFullYear() + YEARS_AHEAD
    for (var y = lastYear; y >= FIRST_YEAR; y--) option(year, y, String(y))
    function go() {
      calendar.drawDate(Number(month.value), Number(year.value), calendar.selected)
    }
    month.addEventListener("change", go)
    year.addEventListener("change", go)
    jump.appendChild(month)
    jump.appendChild(year)
    // Under the month grid: the previous/next arrows keep the caption's line to themselves.
    box.insertBefore(jump, main.nextSibling)
    sync(calendar)
  }

  function sync(calendar) {
    var jump = jumpFor(calendar)
    if (!jump) return
    jump.querySelector(".calendar-jump-month").value = String(calendar.currentMonth)
    jump.querySelector(".calendar-jump-year").value = String(calendar.currentYear)
  }

  var drawCurrent = Calendar.prototype.drawCurrent
  Calendar.prototype.drawCurrent = function () {
    drawCurrent.apply(this, arguments)
    sync(this)
  }

  var addCalendar = DateTimeShortcuts.addCalendar
  DateTimeShortcuts.addCalendar = function () {
    addCalendar.apply(this, arguments)
    addJump(DateTimeShortcuts.calendars.length - 1)
  }
})()
