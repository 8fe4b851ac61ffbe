/* CKEditor 4 as union editors use it. Loaded with `defer` from templates/admin/base_site.html,
   as a file so the admin needs no inline script.
   - Vietnamese for what CKEditor's own `vi` strings leave in English ("Heading 2", "Rich Text
     Editor", the paste and upload messages…).
   - The image dialog (image2): the field CKEditor's Vietnamese calls "Chú thích ảnh" (caption)
     is the alt text; say so, or editors type the caption there and it never shows under the
     photo. A new photo is captioned by default: the caption line ("Ảnh. …") goes under it. */
;(function () {
  if (!window.CKEDITOR) return
  var PASTE_BLOCKED = "Bấm %1 để dán. Trình duyệt này không cho dán bằng nút trên thanh công cụ hay menu chuột phải."
  var VIETNAMESE = {
    application: "Trình soạn thảo",
    editorPanel: "Bảng điều khiển của trình soạn thảo",
    "toolbar.toolbarGroups.clipboard": "Bộ nhớ tạm/Hoàn tác",
    "notification.closed": "Đã đóng thông báo.",
    "clipboard.pasteNotification": PASTE_BLOCKED,
    "pastetext.pasteNotification": PASTE_BLOCKED,
    "clipboard.pasteMsg": "Dán nội dung vào ô dưới đây rồi bấm “Đồng ý”.",
    "clipboard.fileFormatNotSupportedNotification": "Không nhận tệp định dạng ${formats}.",
    "clipboard.fileWithoutFormatNotSupportedNotification": "Không nhận định dạng tệp này.",
    "format.tag_address": "Địa chỉ",
    "format.tag_h1": "Tiêu đề 1",
    "format.tag_h2": "Tiêu đề mục (H2)",
    "format.tag_h3": "Tiêu đề nhỏ (H3)",
    "format.tag_h4": "Tiêu đề nhỏ hơn (H4)",
    "format.tag_h5": "Tiêu đề 5",
    "format.tag_h6": "Tiêu đề 6",
    "link.anchor.errorWhitespace": "Tên điểm neo không được có khoảng trắng",
    "link.download": "Buộc tải về",
    "link.displayText": "Chữ hiển thị",
    "link.noTel": "Hãy nhập số điện thoại",
    "link.phoneNumber": "Số điện thoại",
    "link.toPhone": "Điện thoại",
    "table.cell.columnHeader": "Tiêu đề cột",
    "table.cell.rowHeader": "Tiêu đề hàng",
    "table.heightUnit": "đơn vị chiều cao",
    "uploadwidget.abort": "Đã hủy tải lên.",
    "uploadwidget.doneOne": "Đã tải tệp lên.",
    "uploadwidget.doneMany": "Đã tải lên %1 tệp.",
    "uploadwidget.uploadOne": "Đang tải tệp lên ({percentage}%)…",
    "uploadwidget.uploadMany": "Đang tải tệp lên: xong {current}/{max} ({percentage}%)…",
    "versionCheck.notificationMessage": "Trình soạn thảo CKEditor %current không còn được cập nhật bảo mật; nội dung vẫn được lọc an toàn khi lưu.",
    "versionCheck.consoleMessage": "CKEditor %current không còn được cập nhật bảo mật (bản mới nhất: %latest, %link).",
    "versionCheck.aboutDialogInsecureMessage": "Trình soạn thảo CKEditor %current không còn được cập nhật bảo mật.",
    "versionCheck.aboutDialogUpgradeMessage": "Bản mới nhất của trình soạn thảo: %latest.",
    "image2.alt": "Mô tả ảnh (văn bản thay thế, cho người không xem được ảnh)",
    "image2.captioned": "Có chú thích dưới ảnh (gõ chú thích ngay dưới ảnh trong bài)",
    "image2.captionPlaceholder": "Gõ chú thích ảnh ở đây",
  }

  function translate(lang) {
    Object.keys(VIETNAMESE).forEach(function (path) {
      var keys = path.split(".")
      var holder = lang
      for (var i = 0; i < keys.length - 1 && holder; i++) holder = holder[keys[i]]
      if (holder && typeof holder[keys[keys.length - 1]] === "string") holder[keys[keys.length - 1]] = VIETNAMESE[path]
    })
  }

  CKEDITOR.on("instanceCreated", function (event) {
    var editor = event.editor
    // The editor's own strings (its name is read right away), then the plugins' strings,
    // before the toolbar and dialogs are built.
    editor.on("langLoaded", function () {
      translate(editor.lang)
      // Already composed from the English name by then (read by screen readers).
      if (typeof editor.config.applicationTitle !== "string") {
        editor.applicationTitle = [editor.lang.application, editor.name].join(", ")
      }
    })
    editor.on("pluginsLoaded", function () {
      translate(editor.lang)
    })
  })

  CKEDITOR.on("dialogDefinition", function (event) {
    if (event.data.name !== "image2") return
    var info = event.data.definition.getContents("info")
    var caption = info && info.get("hasCaption")
    if (!caption) return
    var setup = caption.setup
    caption.setup = function (widget) {
      if (setup) setup.call(this, widget)
      // A photo being inserted has no address yet; one already in the text keeps its choice.
      if (!widget.data.src) this.setValue(true)
    }
  })
})()
